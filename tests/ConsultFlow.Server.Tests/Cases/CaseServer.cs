using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.Cases;

/// <summary>
/// A server on a manual clock (Monday 2 March 2026, 09:00 in Beijing) with a small directory — 市场监管局 scjg starts
/// cases, 公安分局 gaj receives them, 自然资源局 zrzy is unrelated — and two processes: "case-demo" (a receipt task for
/// the police with a 3-working-day period beside a 10-day statutory timer) and "case-other" (one undated task).
/// </summary>
public sealed class CaseServer : ServerFactory
{
    public const string Password = "case-tests-password";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Demo = """
        {
          "id": "case-demo", "name": "案件演示",
          "inputs": [{ "name": "police", "type": "agency", "required": true }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "fork", "type": "Fork", "inputs": { "branches": ["receipt", "wait"] } },
              { "id": "receipt", "type": "HumanTask", "inputs": { "title": { "zh": "签收回执", "en": "Sign the receipt" },
                  "assigneeAgency": { "$expr": { "var": "input.police" } }, "assigneeRole": "staff",
                  "outcomes": [{ "name": "signed", "label": "签收" }],
                  "due": { "amount": 3, "unit": "workingDays", "legalBasis": "测试依据 第一条" } } },
              { "id": "wait", "name": "立案审查期限", "type": "Timer", "inputs": { "duration": { "amount": 10, "unit": "calendarDays", "legalBasis": "计时依据 第二条" } } },
              { "id": "join", "type": "Join", "inputs": { "mode": "waitAny" } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "fork" },
              { "source": "fork", "outcome": "receipt", "target": "receipt" },
              { "source": "fork", "outcome": "wait", "target": "wait" },
              { "source": "receipt", "outcome": "signed", "target": "join" },
              { "source": "wait", "outcome": "Done", "target": "join" },
              { "source": "join", "outcome": "Done", "target": "end" }
            ]
          }
        }
        """;

    private const string Other = """
        {
          "id": "case-other", "name": "其他流程",
          "inputs": [{ "name": "police", "type": "agency", "required": true }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "note", "type": "HumanTask", "inputs": { "title": "知悉", "assigneeAgency": { "$expr": { "var": "input.police" } },
                  "assigneeRole": "staff", "outcomes": [{ "name": "noted", "label": "已知悉" }] } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "note" },
              { "source": "note", "outcome": "noted", "target": "end" }
            ]
          }
        }
        """;

    private readonly SemaphoreSlim setupLock = new(1, 1);
    private bool ready;

    public CaseServer() => Clock = Time;

    public ManualTime Time { get; } = new(Start);

    /// <summary>User ids by user name, once set up.</summary>
    public Dictionary<string, string> UserIds { get; } = [];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task SetUpAsync()
    {
        await setupLock.WaitAsync();
        try
        {
            if (ready) return;
            var admin = CreateAuthorizedClient();
            foreach (var (code, name, type) in new[] { ("scjg", "市场监管局", "enforcementUnit"), ("gaj", "公安分局", "publicSecurity"), ("zrzy", "自然资源局", "enforcementUnit") })
            {
                var created = await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = name, en = code }, type, region = "CN" });
                created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }
            foreach (var (user, agency, roles) in new[]
            {
                ("scjg-staff", "scjg", new[] { "staff" }),
                ("gaj-staff1", "gaj", new[] { "staff" }),
                ("gaj-staff2", "gaj", new[] { "staff" }),
                ("gaj-leader", "gaj", new[] { "leader" }),
                ("gaj-lead-staff", "gaj", new[] { "leader", "staff" }),
                ("zrzy-staff", "zrzy", new[] { "staff" }),
                ("sfj-coordinator", "sfj", new[] { "coordinator" }),
            })
                UserIds[user] = await CreateUserAsync(user, agency, roles, Password);
            foreach (var (id, json) in new[] { ("case-demo", Demo), ("case-other", Other) })
            {
                (await admin.PutAsync($"/api/definitions/{id}/draft", Json(json))).EnsureSuccessStatusCode();
                (await admin.PostAsync($"/api/definitions/{id}/versions/1/publish", null)).EnsureSuccessStatusCode();
            }
            ready = true;
        }
        finally
        {
            setupLock.Release();
        }
    }

    /// <summary>Signs in one of the set-up users (again after the clock moved past the session's end).</summary>
    public async Task<HttpClient> UserAsync(string userName)
    {
        await SetUpAsync();
        return await SignInAsync(userName, Password);
    }

    /// <summary>Starts a case as scjg's staff; returns its id and the id of its first open task.</summary>
    public async Task<(Guid Case, Guid Task)> StartAsync(string correlationKey, string process = "case-demo", string police = "gaj")
    {
        var starter = await UserAsync("scjg-staff");
        var started = await starter.PostAsync("/api/instances",
            Json($$"""{ "definitionId": "{{process}}", "correlationKey": "{{correlationKey}}", "input": { "police": "{{police}}" } }"""));
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        return (Guid.Parse(body["instanceId"]!.GetValue<string>()), Guid.Parse(body["openTaskIds"]![0]!.GetValue<string>()));
    }
}
