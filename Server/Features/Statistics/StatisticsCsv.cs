using System.Globalization;
using System.Text;

namespace ConsultFlow.Server.Features.Statistics;

/// <summary>
/// The statistics report as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads the
/// file as GBK and garbles the names), CRLF line ends, RFC 4180 quoting, one row per figure as
/// 类别 (section), 项目 (item), 代码 (code), 数值 (value), and a header naming the period and agency filter.
/// </summary>
public static class StatisticsCsv
{
    public static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <param name="processNames">Definition id → its Chinese name (ids without a name are written as they are).</param>
    /// <param name="agencyNames">Agency code → its Chinese name.</param>
    public static byte[] Write(StatisticsReport report, IReadOnlyDictionary<string, string> processNames, IReadOnlyDictionary<string, string> agencyNames)
    {
        var text = new StringBuilder();
        void Row(params string?[] cells) => text.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
        string Agency(string code) => agencyNames.TryGetValue(code, out var name) ? name : code;
        string Process(string id) => processNames.TryGetValue(id, out var name) ? name : id;
        string Moment(DateTimeOffset? at) => at is { } value
            ? TimeZoneInfo.ConvertTime(value, Engine.Calendar.ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "";

        Row("类别", "项目", "代码", "数值");
        Row("统计范围", "起（含）", "from", Moment(report.From));
        Row("统计范围", "止（不含）", "to", Moment(report.To));
        Row("统计范围", "单位", "agency", report.Agency is null ? "全部" : Agency(report.Agency));
        Row("统计范围", "生成时间", "generatedAt", Moment(report.GeneratedAt));
        Row("案件总数", "案件总数", "totalCases", Number(report.TotalCases));

        var status = report.ByStatus;
        Row("按状态", "办理中", "running", Number(status.Running));
        Row("按状态", "等待中", "suspended", Number(status.Suspended));
        Row("按状态", "已办结", "completed", Number(status.Completed));
        Row("按状态", "故障", "faulted", Number(status.Faulted));
        Row("按状态", "已撤销", "cancelled", Number(status.Cancelled));

        foreach (var process in report.ByProcess)
        {
            Row("按流程", Process(process.DefinitionId), process.DefinitionId, Number(process.Total));
            Row("按流程（办结）", Process(process.DefinitionId), process.DefinitionId, Number(process.ByStatus.Completed));
        }
        foreach (var agency in report.ByAgency) Row("按单位（参与案件数）", Agency(agency.Agency), agency.Agency, Number(agency.Cases));
        Row("逾期未办结任务", "合计", "overdue", Number(report.Overdue.Total));
        foreach (var agency in report.Overdue.ByAgency) Row("逾期未办结任务（按单位）", Agency(agency.Agency), agency.Agency, Number(agency.Tasks));

        var referrals = report.Referrals;
        Row("两法衔接", "移送案件数（含未移送）", "cases", Number(referrals.Cases));
        Row("两法衔接", "已移送", "referred", Number(referrals.Referred));
        Row("两法衔接", "已立案", "filed", Number(referrals.Filed));
        Row("两法衔接", "不予立案", "notFiled", Number(referrals.NotFiled));
        Row("两法衔接", "立案监督中", "underSupervision", Number(referrals.UnderSupervision));
        Row("两法衔接", "建议立案监督", "supervisionSuggested", Number(referrals.SupervisionSuggested));
        Row("两法衔接", "通知立案", "filingNotified", Number(referrals.FilingNotified));
        Row("两法衔接", "待公安机关决定", "awaitingDecision", Number(referrals.AwaitingDecision));
        Row("两法衔接", "不属公安机关管辖退回", "returnedNotPolice", Number(referrals.ReturnedNotPolice));
        Row("两法衔接", "负责人不批准移送", "transferRefused", Number(referrals.TransferRefused));
        Row("两法衔接", "立案率", "filingRate", referrals.FilingRate is { } rate ? Number(rate) : "");

        var consultations = report.Consultations;
        Row("会商结果", "会商总数", "cases", Number(consultations.Cases));
        Row("会商结果", "形成共识", "consensus", Number(consultations.Consensus));
        Row("会商结果", "暂缓决定", "defer", Number(consultations.Defer));
        Row("会商结果", "办公室建议报区政府", "officeRecommendation", Number(consultations.OfficeRecommendation));
        Row("会商结果", "紧急情况当场决定", "urgentDecision", Number(consultations.UrgentDecision));
        Row("会商结果", "不予受理", "rejected", Number(consultations.Rejected));
        Row("会商结果", "撤回", "withdrawn", Number(consultations.Withdrawn));
        Row("会商结果", "已撤销", "cancelled", Number(consultations.Cancelled));
        Row("会商结果", "办理中", "pending", Number(consultations.Pending));

        return [.. ByteOrderMark, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// RFC 4180 quoting; a cell starting with = + - @ is prefixed with an apostrophe so a spreadsheet does not run it as a
    /// formula (agency and process names come from administrators' input).
    /// </summary>
    private static string Quote(string? cell)
    {
        cell ??= "";
        if (cell.Length > 0 && "=+-@".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }
}
