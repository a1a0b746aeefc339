namespace ConsultFlow.Server.Features.Statistics;

/// <summary>
/// 两法衔接 figures over the counted criminal-referral cases, each case counted once by where it stands now:
/// <list type="bullet">
/// <item><see cref="Referred"/> 移送: the case was transferred to the police;</item>
/// <item><see cref="Filed"/> 立案: the police filed it (on review, after an extension, on reconsideration or after the procuratorate's 通知立案);</item>
/// <item><see cref="NotFiled"/> 不立案: the police decided not to file and it has not been filed since;</item>
/// <item><see cref="UnderSupervision"/> 立案监督中: of those not filed, the agency suggested 立案监督 and the procuratorate
///   has not closed it (including 通知立案 issued and the filing still awaited);</item>
/// <item><see cref="SupervisionSuggested"/>: supervision was ever suggested; <see cref="FilingNotified"/>: the procuratorate notified the police to file;</item>
/// <item><see cref="AwaitingDecision"/>: transferred, not yet decided by the police (nor returned as outside their competence);</item>
/// <item><see cref="ReturnedNotPolice"/>: the police found it outside their competence; <see cref="TransferRefused"/>: the head refused the transfer;</item>
/// <item><see cref="FilingRate"/> 立案率 = filed / referred, null when nothing was referred.</item>
/// </list>
/// </summary>
public sealed record ReferralFigures(
    int Cases,
    int Referred,
    int Filed,
    int NotFiled,
    int UnderSupervision,
    int SupervisionSuggested,
    int FilingNotified,
    int AwaitingDecision,
    int ReturnedNotPolice,
    int TransferRefused,
    double? FilingRate);
