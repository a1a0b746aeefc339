namespace ConsultFlow.Workflows.Tests.Infrastructure;

/// <summary>Directory codes and roles the domain scenarios use (the default profile's standing agencies among them).</summary>
public static class Agencies
{
    public const string MarketRegulation = "scjg";   // 市场监管局
    public const string NaturalResources = "zrzy";   // 自然资源局
    public const string ComprehensiveEnforcement = "zhzf"; // 综合执法局
    public const string Emergency = "yjgl";          // 应急管理局
    public const string Township = "xhz";            // 星海镇（乡镇人民政府）
    public const string CoordinationOffice = "sfj";  // 司法局 / 会商工作办公室
    public const string Government = "gov";          // 区人民政府
    public const string Police = "gaj";              // 公安局
    public const string OtherPolice = "gaj-jz";      // 另一有管辖权的公安机关
    public const string Procuratorate = "jcy";       // 检察院
    public const string Supervision = "jwjc";        // 监察委

    public static class Roles
    {
        public const string Staff = "staff";           // 承办人员
        public const string Contact = "contact";       // 联系人
        public const string Leader = "leader";         // 主管领导 / 负责人
        public const string Legal = "legal";           // 法制审核人员
        public const string Coordinator = "coordinator"; // 会商办公室工作人员
    }
}
