using System.Text.Json;
using ConsultFlow.Engine.Text;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>How definitions name the directory's agency types ("publicSecurity"), and what people call them.</summary>
public static class AgencyTypeNames
{
    public static string Of(AgencyType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    public static bool IsKnown(string name) => Enum.GetValues<AgencyType>().Any(t => Of(t) == name);

    public static string Display(AgencyType type) => type switch
    {
        AgencyType.EnforcementUnit => Bilingual.Say("行政执法单位", "enforcement unit"),
        AgencyType.CoordinationOffice => Bilingual.Say("会商工作办公室", "coordination office"),
        AgencyType.Government => Bilingual.Say("人民政府", "government"),
        AgencyType.PublicSecurity => Bilingual.Say("公安机关", "public security"),
        AgencyType.Procuratorate => Bilingual.Say("人民检察院", "procuratorate"),
        AgencyType.SupervisionCommission => Bilingual.Say("监察机关", "supervision commission"),
        _ => Bilingual.Say("系统运维", "system operators"),
    };

    public static string Display(IEnumerable<string> names) => string.Join(Bilingual.Say("、", ", "),
        Enum.GetValues<AgencyType>().Where(t => names.Contains(Of(t))).Select(Display));
}
