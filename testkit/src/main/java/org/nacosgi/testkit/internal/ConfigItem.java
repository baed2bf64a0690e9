package org.nacosgi.testkit.internal;

/** One stored config version. Immutable; a publish replaces the item. */
final class ConfigItem {
    final String tenant;
    final String group;
    final String dataId;
    final String content;
    final String md5;
    final String type;
    final String appName;
    final String desc;
    final String tags;
    final long id;
    final long createTime;
    final long modifyTime;
    final String srcIp;

    ConfigItem(String tenant, String group, String dataId, String content, String type, String appName, String desc,
            String tags, long id, long createTime, long modifyTime, String srcIp) {
        this.tenant = tenant;
        this.group = group;
        this.dataId = dataId;
        this.content = content;
        this.md5 = Md5.hex(content);
        this.type = type;
        this.appName = appName;
        this.desc = desc;
        this.tags = tags;
        this.id = id;
        this.createTime = createTime;
        this.modifyTime = modifyTime;
        this.srcIp = srcIp;
    }

    static String key(String tenant, String group, String dataId) {
        return tenant + '\u0002' + group + '\u0002' + dataId;
    }

    String key() {
        return key(tenant, group, dataId);
    }
}
