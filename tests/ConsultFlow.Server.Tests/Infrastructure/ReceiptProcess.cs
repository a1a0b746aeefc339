using System.Text;

namespace ConsultFlow.Server.Tests.Infrastructure;

/// <summary>
/// The smallest process that makes a second agency party to a case: the starter's agency names a police agency, which
/// gets one receipt task. The access, attachment and statistics tests all build their cases from it.
/// </summary>
public static class ReceiptProcess
{
    public static string Definition(string id, string name, string? dueJson = null) => $$"""
        {
          "id": "{{id}}", "name": "{{name}}",
          "inputs": [{ "name": "police", "type": "agency", "required": true }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "receipt", "type": "HumanTask", "inputs": { "title": "签收回执", "assigneeAgency": { "$expr": { "var": "input.police" } },
                  "assigneeRole": "staff", "outcomes": [{ "name": "signed", "label": "签收" }]{{(dueJson is null ? "" : $", \"due\": {dueJson}")}} } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "receipt" },
              { "source": "receipt", "outcome": "signed", "target": "end" }
            ]
          }
        }
        """;

    /// <summary>Saves and publishes the definition as version 1.</summary>
    public static async Task PublishAsync(HttpClient designer, string id, string definition)
    {
        (await designer.PutAsync($"/api/definitions/{id}/draft", new StringContent(definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await designer.PostAsync($"/api/definitions/{id}/versions/1/publish", null)).EnsureSuccessStatusCode();
    }
}
