using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Contracts.V1;
using MassTransit;

namespace ConsultFlow.AgencySystem;

/// <summary>
/// The public-security system's side of 两法衔接: it takes a transferred case (CaseReferred) from its queue and signs
/// the receipt (ReceiptSigned) back to ConsultFlow, for the step the referral named. The answer's message id is derived
/// from the referral's, so a referral delivered twice is answered twice with the same id and ConsultFlow's inbox
/// applies it once.
/// </summary>
public sealed class ReferralConsumer(AgencySettings settings, ReceivedLog log, TimeProvider clock) : IConsumer<CaseReferred>
{
    public async Task Consume(ConsumeContext<CaseReferred> context)
    {
        var referral = context.Message;
        var requestId = context.MessageId ?? throw new InvalidOperationException("A referral without a message id.");
        var first = log.Record(requestId, referral.InstanceId, referral.Step);
        Console.WriteLine($"{(first ? "received" : "received again")} {referral.CaseKey} step {referral.Step} ({requestId})");

        var receipt = new ReceiptSigned
        {
            CaseKey = referral.CaseKey,
            InstanceId = referral.InstanceId,
            Step = referral.Step,
            FromAgency = settings.Agency,
            ToAgency = referral.FromAgency,
            InReplyTo = requestId,
            SentAt = clock.GetUtcNow(),
            Outcome = referral.IsCopy ? "registered" : settings.Outcome,
            Form = referral.IsCopy
                ? new JsonObject { ["registrationNote"] = "系统自动登记" }
                : new JsonObject { ["receiptForm"] = $"回执-{referral.CaseNo ?? referral.CaseKey}" },
            Comment = "由公安机关业务系统签收",
        };
        var engine = await context.GetSendEndpoint(new Uri($"queue:{Queues.Engine}"));
        await engine.Send(receipt, send => send.MessageId = ReplyId(requestId), context.CancellationToken);

        if (settings.FilingStep is { } filingStep && !referral.IsCopy)
        {
            // The filing decision (立案) follows at the review step; ConsultFlow retries it until that step is open.
            var filed = new CaseFiled
            {
                CaseKey = referral.CaseKey,
                InstanceId = referral.InstanceId,
                Step = filingStep,
                FromAgency = settings.Agency,
                ToAgency = referral.FromAgency,
                InReplyTo = requestId,
                SentAt = clock.GetUtcNow(),
                FilingNo = $"立案-{referral.CaseNo ?? referral.CaseKey}",
                Form = new JsonObject { ["filingNotice"] = $"立案决定书-{referral.CaseNo ?? referral.CaseKey}" },
            };
            await engine.Send(filed, send => send.MessageId = ReplyId(requestId, "filed"), context.CancellationToken);
        }
    }

    /// <summary>The same referral always gets the same answer id.</summary>
    public static Guid ReplyId(Guid requestId, string answer = "receipt") =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{answer}:{requestId}")).AsSpan(0, 16));
}
