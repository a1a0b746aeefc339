using ConsultFlow.Activities.Messaging;
using ConsultFlow.Contracts.V1;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;
using MassTransit;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>
/// Takes a message an agency's system sent to ConsultFlow and applies it once: an answer (<see cref="CaseAnswer"/>) from
/// the agency a task at its step is assigned to completes that task as the agency's system; any message resumes a
/// WaitForMessage for its step (or, without one, for its case). The inbox row commits with that step, so a redelivery
/// changes nothing. A message nothing waits for is retried and then goes to the error queue.
/// </summary>
public sealed class EngineMessageConsumer<T>(WorkflowRuntime runtime, IMessageStore inbox, MessagingOptions options, TimeProvider clock,
    AgencyFieldCheck agencies, ILogger<EngineMessageConsumer<T>> logger) : IConsumer<T> where T : CaseMessage
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var message = context.Message;
        var messageId = context.MessageId ?? throw new UnmatchedMessageException("A message without a message id cannot be deduplicated.");
        var name = typeof(T).Name;
        var ct = context.CancellationToken;
        if (await inbox.InboxContainsAsync(messageId, ct))
        {
            logger.LogInformation("Message {MessageId} ({Type}) was applied before; dropped.", messageId, name);
            return;
        }

        if (message is CaseAnswer answer && answer.FromAgency is { } from && options.HasOwnSystem(from))
        {
            var tasks = await runtime.Store.ListTasksAsync(new TaskQuery { InstanceId = message.InstanceId, AssigneeAgency = from, Status = HumanTaskStatus.Open }, ct);
            if (tasks.FirstOrDefault(t => t.ActivityId == message.Step) is { } task)
            {
                // An agency's system answers under the same rules as its people: agencies named must be in the directory
                // and of the field's types (a refused answer is retried, then kept in the error queue for an operator).
                await agencies.CheckAnswerAsync(task.Form, answer.Form, answer.Outcome, ct);
                try
                {
                    await runtime.CompleteTaskAsync(task.Id, new TaskCompletion(answer.Outcome, answer.Form, answer.Comment),
                        new Actor($"system:{from}", from, "system"), $"message:{messageId}", ct,
                        received: new InboxRecord(messageId, message.InstanceId, name, clock.GetUtcNow()));
                    return;
                }
                catch (EngineException ex) when (ex.Code == EngineErrorCode.Conflict)
                {
                    // Completed meanwhile (by this message at another node, or by a person): the inbox says which below.
                }
            }
        }

        var payload = ContractJson.ToJson(message);
        var resumed = await runtime.ReceiveMessageAsync(messageId, name, WaitForMessage.KeyForStep(message.InstanceId, message.Step), payload, ct);
        if (resumed == 0)
            resumed = await runtime.ReceiveMessageAsync(messageId, name, message.CaseKey, payload, ct);
        if (resumed > 0) return;
        if (await inbox.InboxContainsAsync(messageId, ct))
        {
            // Another node (or an earlier delivery) applied it while this one looked.
            logger.LogInformation("Message {MessageId} ({Type}) was applied meanwhile; dropped.", messageId, name);
            return;
        }
        throw new UnmatchedMessageException(
            $"No step waits for {name} {messageId} of case {message.CaseKey} (instance {message.InstanceId}, step {message.Step}).");
    }
}
