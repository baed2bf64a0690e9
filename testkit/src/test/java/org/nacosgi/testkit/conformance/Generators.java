package org.nacosgi.testkit.conformance;

/**
 * Evaluates the content generators the capture notes give for large bodies, a tiny subset of Python:
 * {@code ('0123456789abcdef'*64+'\n')*199 + 'x'*(204800-1025*199)} (string literals, +, *, parentheses, integers).
 */
final class Generators {
    private final String s;
    private int pos;

    private Generators(String s) {
        this.s = s;
    }

    static String eval(String expression) {
        Generators g = new Generators(expression);
        Object v = g.sum();
        g.skip();
        if (g.pos != expression.length() || !(v instanceof String)) {
            throw new IllegalArgumentException("not a string generator: " + expression);
        }
        return (String) v;
    }

    private void skip() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private Object sum() {
        Object left = product();
        while (true) {
            skip();
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                char op = s.charAt(pos++);
                Object right = product();
                if (op == '+') {
                    left = left instanceof String ? (String) left + right : (Long) left + (Long) right;
                } else {
                    left = (Long) left - (Long) right;
                }
            } else {
                return left;
            }
        }
    }

    private Object product() {
        Object left = atom();
        while (true) {
            skip();
            if (pos < s.length() && s.charAt(pos) == '*') {
                pos++;
                Object right = atom();
                if (left instanceof String) {
                    left = ((String) left).repeat((int) (long) (Long) right);
                } else {
                    left = (Long) left * (Long) right;
                }
            } else {
                return left;
            }
        }
    }

    private Object atom() {
        skip();
        char c = s.charAt(pos);
        if (c == '(') {
            pos++;
            Object v = sum();
            skip();
            pos++; // ')'
            return v;
        }
        if (c == '\'') {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (s.charAt(pos) != '\'') {
                char x = s.charAt(pos++);
                if (x == '\\') {
                    char e = s.charAt(pos++);
                    sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else {
                    sb.append(x);
                }
            }
            pos++;
            return sb.toString();
        }
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        return Long.parseLong(s.substring(start, pos));
    }
}
