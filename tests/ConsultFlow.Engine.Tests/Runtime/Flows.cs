namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>Small definitions the engine scenarios run, written in the engine's JSON format.</summary>
public static class Flows
{
    public const string Review = """
        {
          "id": "review", "name": "审议",
          "inputs": [{ "name": "amount", "type": "number" }],
          "variables": [{ "name": "decision", "type": "string" }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "review", "type": "HumanTask", "inputs": {
                  "title": { "zh": "审议会商申请", "en": "Review the request" },
                  "assigneeAgency": "sfj", "assigneeRole": "coordinator",
                  "form": { "fields": [
                    { "key": "reason", "label": "理由", "type": "longText", "requiredForOutcomes": ["reject"] },
                    { "key": "format", "label": "会商形式", "type": "choice", "choices": ["roundTable", "onSite"] }
                  ] },
                  "outcomes": [{ "name": "accept", "label": "受理" }, { "name": "reject", "label": "不予受理" }],
                  "due": { "amount": 3, "unit": "workingDays", "legalBasis": "会商制度 第六条" } } },
              { "id": "remember", "type": "SetVariable", "inputs": { "variable": "decision", "value": { "$expr": { "var": "activities.review.outcome" } } } },
              { "id": "big", "type": "Decision", "inputs": { "condition": { "$expr": { ">": [{ "var": "input.amount" }, 100] } } } },
              { "id": "endBig", "type": "End", "inputs": { "output": { "$expr": { "cat": ["big:", { "var": "variables.decision" }] } } } },
              { "id": "endSmall", "type": "End", "inputs": { "output": { "$expr": { "cat": ["small:", { "var": "variables.decision" }] } } } },
              { "id": "rejected", "type": "End", "inputs": { "output": "rejected" } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "review" },
              { "source": "review", "outcome": "accept", "target": "remember" },
              { "source": "review", "outcome": "reject", "target": "rejected" },
              { "source": "remember", "outcome": "Done", "target": "big" },
              { "source": "big", "outcome": "True", "target": "endBig" },
              { "source": "big", "outcome": "False", "target": "endSmall" }
            ]
          }
        }
        """;

    /// <summary>Two tasks in parallel meeting at a join of the given mode.</summary>
    public static string ForkJoin(string mode) => $$"""
        {
          "id": "fork-join-{{mode.ToLowerInvariant()}}", "name": "并行",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["police", "procuratorate"] } },
              { "id": "police", "type": "HumanTask", "inputs": { "title": "公安回执", "assigneeAgency": "gaj", "assigneeRole": "staff", "outcomes": [{ "name": "done" }] } },
              { "id": "procuratorate", "type": "HumanTask", "inputs": { "title": "检察备案", "assigneeAgency": "jcy", "assigneeRole": "staff", "outcomes": [{ "name": "done" }] } },
              { "id": "join", "type": "Join", "inputs": { "mode": "{{mode}}" } },
              { "id": "after", "type": "HumanTask", "inputs": { "title": "归档", "assigneeAgency": "scjg", "assigneeRole": "staff", "outcomes": [{ "name": "done" }] } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "fork" },
              { "source": "fork", "outcome": "police", "target": "police" },
              { "source": "fork", "outcome": "procuratorate", "target": "procuratorate" },
              { "source": "police", "outcome": "done", "target": "join" },
              { "source": "procuratorate", "outcome": "done", "target": "join" },
              { "source": "join", "outcome": "Done", "target": "after" },
              { "source": "after", "outcome": "done", "target": "end" }
            ]
          }
        }
        """;

    /// <summary>One opinion task per agency in the input; optionally done early by a completion condition.</summary>
    public static string Opinions(string? completionCondition = null, string? expiry = null) => $$"""
        {
          "id": "opinions", "name": "征求意见",
          "inputs": [{ "name": "agencies", "type": "agencies", "required": true }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "each", "type": "ParallelForEach",
                "inputs": { "items": { "$expr": { "var": "input.agencies" } }{{(completionCondition is null ? "" : $", \"completionCondition\": {{ \"$expr\": {completionCondition} }}")}} },
                "body": {
                  "activities": [
                    { "id": "opinion", "type": "HumanTask", "inputs": {
                        "title": "提出意见", "assigneeAgency": { "$expr": { "var": "item" } }, "assigneeRole": "contact",
                        "form": { "fields": [{ "key": "opinion", "label": "意见", "type": "longText", "required": true }] },
                        "outcomes": [{ "name": "agree", "label": "同意" }, { "name": "disagree", "label": "不同意" }]
                        {{(expiry is null ? "" : $", \"due\": {{ \"amount\": 3, \"unit\": \"workingDays\" }}, \"expiryOutcome\": \"{expiry}\"")}} } }
                  ],
                  "connections": []
                } },
              { "id": "end", "type": "End", "inputs": { "output": { "$expr": { "var": "activities.each.results" } } } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "each" },
              { "source": "each", "outcome": "Done", "target": "end" }
            ]
          }
        }
        """;

    public const string WaitForReceipt = """
        {
          "id": "receipt", "name": "等待回执",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "wait", "type": "WaitForMessage", "inputs": { "messageName": "ReceiptSigned" } },
              { "id": "end", "type": "End", "inputs": { "output": { "$expr": { "var": "activities.wait.receiptNo" } } } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "wait" },
              { "source": "wait", "outcome": "Done", "target": "end" }
            ]
          }
        }
        """;

    public const string Timer = """
        {
          "id": "timer", "name": "计时",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "wait", "type": "Timer", "inputs": { "duration": { "amount": 3, "unit": "workingDays", "legalBasis": "国务院令第310号 第八条" } } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "wait" },
              { "source": "wait", "outcome": "Done", "target": "end" }
            ]
          }
        }
        """;

    public static string Parent(bool wait) => $$"""
        {
          "id": "parent", "name": "父流程",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "child", "type": "SubWorkflow", "inputs": { "definitionId": "review", "input": { "amount": 500 }, "waitForCompletion": {{(wait ? "true" : "false")}} } },
              { "id": "end", "type": "End", "inputs": { "output": { "$expr": { "var": "activities.child" } } } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "child" },
              { "source": "child", "outcome": "Done", "target": "end" }
            ]
          }
        }
        """;
}
