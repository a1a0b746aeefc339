using ConsultFlow.Server.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.Attachments.UploadBodies;

namespace ConsultFlow.Server.Tests.Attachments;

/// <summary>
/// Evidence files through the API: stored whole and intact with their SHA-256, streamed both ways, refused (and not
/// kept) when too large, of a type outside the allow-list or for a case the caller may not see; damage on disk is found.
/// </summary>
public sealed class AttachmentApiTests(AttachmentServerFactory factory) : IClassFixture<AttachmentServerFactory>
{
    private const string Password = "attachment-password";
    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static bool ready;

    private async Task<(HttpClient Starter, HttpClient Police, HttpClient Unrelated, Guid Case)> CaseAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (!ready)
            {
                var admin = factory.CreateAuthorizedClient();
                foreach (var (code, type) in new[] { ("scjg", "enforcementUnit"), ("gaj", "publicSecurity"), ("zrzy", "enforcementUnit") })
                    (await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = code, en = code }, type, region = "CN" }))
                        .StatusCode.Should().Be(HttpStatusCode.Created);
                await factory.CreateUserAsync("att-scjg", "scjg", ["staff"], Password);
                await factory.CreateUserAsync("att-gaj", "gaj", ["staff"], Password);
                await factory.CreateUserAsync("att-zrzy", "zrzy", ["staff"], Password);
                await ReceiptProcess.PublishAsync(admin, "attach-demo", ReceiptProcess.Definition("attach-demo", "附件演示"));
                ready = true;
            }
        }
        finally
        {
            SetupLock.Release();
        }
        var starter = await factory.SignInAsync("att-scjg", Password);
        var started = await starter.PostAsync("/api/instances",
            new StringContent("""{ "definitionId": "attach-demo", "input": { "police": "gaj" } }""", Encoding.UTF8, "application/json"));
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
        return (starter, await factory.SignInAsync("att-gaj", Password), await factory.SignInAsync("att-zrzy", Password), id);
    }

    private static async Task<JsonArray> ListAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/cases/{id}/attachments"))!;

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_file_with_a_Chinese_name_goes_up_and_comes_back_byte_for_byte_with_its_SHA256()
    {
        var (starter, police, _, id) = await CaseAsync();
        var bytes = Pdf(300_000);
        const string name = "行政处罚决定书（2026）第1号.pdf";

        var uploaded = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(bytes), name, "application/pdf"));

        uploaded.StatusCode.Should().Be(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var info = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        var attachmentId = info["id"]!.GetValue<string>();
        uploaded.Headers.Location!.ToString().Should().Be($"/api/attachments/{attachmentId}");
        info["fileName"]!.GetValue<string>().Should().Be(name);
        info["contentType"]!.GetValue<string>().Should().Be("application/pdf");
        info["size"]!.GetValue<long>().Should().Be(bytes.Length);
        info["sha256"]!.GetValue<string>().Should().Be(Sha256(bytes));
        info["uploadedByAgency"]!.GetValue<string>().Should().Be("scjg");
        info["instanceId"]!.GetValue<string>().Should().Be(id.ToString());

        // The other party (the police, through its task) lists and downloads it.
        (await ListAsync(police, id)).Select(a => a!["id"]!.GetValue<string>()).Should().Equal(attachmentId);
        var download = await police.GetAsync($"/api/attachments/{attachmentId}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        var content = await download.Content.ReadAsByteArrayAsync();
        content.Should().Equal(bytes);
        Sha256(content).Should().Be(Sha256(bytes));
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be(name, "RFC 5987 filename* carries the UTF-8 name");
        download.Headers.ETag!.Tag.Should().Be($"\"{Sha256(bytes)}\"");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        // The stored file is named by its id, not by the client's name.
        factory.StoredFiles().Should().Contain(f => f.EndsWith(Guid.Parse(attachmentId).ToString("N"), StringComparison.Ordinal));
        factory.StoredFiles().Should().NotContain(f => f.Contains("行政处罚"));

        // And the upload is in the tamper-evident record, by who uploaded it, against the case.
        var audit = (await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonArray>("/api/audit?take=1000"))!;
        audit.Where(r => (string?)r!["target"] == id.ToString() && ((string?)r["afterJson"])?.Contains(attachmentId) == true && (string?)r["agency"] == "scjg")
            .Should().ContainSingle();
    }

    [Fact]
    public async Task A_browser_style_raw_UTF8_file_name_is_kept_and_a_path_in_it_is_dropped()
    {
        var (starter, _, _, id) = await CaseAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4 };

        var uploaded = await starter.PostAsync($"/api/cases/{id}/attachments", BrowserForm(png, @"C:\Users\张三\现场照片.png", "image/png"));

        uploaded.StatusCode.Should().Be(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["fileName"]!.GetValue<string>().Should().Be("现场照片.png");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_and_nothing_is_kept()
    {
        var (starter, _, _, id) = await CaseAsync();
        var before = factory.StoredFiles().Count;
        var tooLarge = Pdf((int)AttachmentServerFactory.Limit + 1024 * 1024);

        // With its length declared: refused before the body is read.
        var declared = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(tooLarge), "大文件.pdf", "application/pdf"));
        declared.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var problem = await ProblemAsync(declared);
        problem["code"]!.GetValue<string>().Should().Be("AttachmentTooLarge");
        problem["errors"]!["file"].Should().NotBeNull();

        // Sent chunked, of unknown length: refused once the limit is passed while streaming.
        var chunked = await starter.PostAsync($"/api/cases/{id}/attachments",
            Form(new StreamContent(new GeneratedStream(AttachmentServerFactory.Limit + 1, seed: 7)), "大文件.pdf", "application/pdf"));
        chunked.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemAsync(chunked))["code"]!.GetValue<string>().Should().Be("AttachmentTooLarge");

        (await ListAsync(starter, id)).Should().BeEmpty();
        factory.StoredFiles().Should().HaveCount(before, "neither the file nor a temporary copy is left");
    }

    [Fact]
    public async Task A_larger_file_is_streamed_up_and_down_in_full()
    {
        var (starter, police, _, id) = await CaseAsync();
        using var source = new GeneratedStream(5 * 1024 * 1024, seed: 42);

        var uploaded = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new StreamContent(source), "证据材料.pdf", "application/pdf"));

        uploaded.StatusCode.Should().Be(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var info = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        info["size"]!.GetValue<long>().Should().Be(5 * 1024 * 1024);
        info["sha256"]!.GetValue<string>().Should().Be(source.Sha256);

        using var download = await police.GetAsync($"/api/attachments/{info["id"]}", HttpCompletionOption.ResponseHeadersRead);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var body = await download.Content.ReadAsStreamAsync();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }
        total.Should().Be(5 * 1024 * 1024);
        Convert.ToHexStringLower(hash.GetHashAndReset()).Should().Be(source.Sha256);
    }

    [Theory]
    [InlineData("text/html", "页面.html")]
    [InlineData("application/x-msdownload", "程序.exe")]
    [InlineData("application/octet-stream", "未知.bin")]
    public async Task A_type_outside_the_allow_list_is_refused_with_415_naming_the_file(string contentType, string name)
    {
        var (starter, _, _, id) = await CaseAsync();

        var response = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(Pdf(1000)), name, contentType));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        var problem = await ProblemAsync(response);
        problem["code"]!.GetValue<string>().Should().Be("UnsupportedAttachmentType");
        problem["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("application/pdf");
        (await ListAsync(starter, id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Content_that_is_not_what_its_type_says_is_refused()
    {
        var (starter, _, _, id) = await CaseAsync();
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");

        var response = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(html), "伪装.pdf", "application/pdf"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await ProblemAsync(response))["errors"]!["file"].Should().NotBeNull();
        (await ListAsync(starter, id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Malformed_uploads_get_a_problem_naming_the_field_and_change_nothing()
    {
        var (starter, _, _, id) = await CaseAsync();
        var before = factory.StoredFiles().Count;

        var json = await starter.PostAsync($"/api/cases/{id}/attachments", new StringContent("{}", Encoding.UTF8, "application/json"));
        json.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await ProblemAsync(json))["errors"]!["Content-Type"].Should().NotBeNull();

        var wrongPart = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(Pdf(100)), "a.pdf", "application/pdf", partName: "document"));
        wrongPart.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(wrongPart))["errors"]!["file"].Should().NotBeNull();

        var two = Form(new ByteArrayContent(Pdf(100)), "a.pdf", "application/pdf");
        var second = new ByteArrayContent(Pdf(100, seed: 2));
        second.Headers.ContentType = new("application/pdf");
        two.Add(second, "file", "b.pdf");
        var twoFiles = await starter.PostAsync($"/api/cases/{id}/attachments", two);
        twoFiles.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var empty = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent([]), "空.pdf", "application/pdf"));
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var truncated = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 no end"));
        truncated.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        var broken = await starter.PostAsync($"/api/cases/{id}/attachments", truncated);
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await ListAsync(starter, id)).Should().BeEmpty();
        factory.StoredFiles().Should().HaveCount(before);
    }

    [Fact]
    public async Task An_unknown_case_is_404()
    {
        var (starter, _, _, _) = await CaseAsync();
        var unknown = Guid.NewGuid();

        (await starter.PostAsync($"/api/cases/{unknown}/attachments", Form(new ByteArrayContent(Pdf(100)), "a.pdf", "application/pdf")))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await starter.GetAsync($"/api/cases/{unknown}/attachments")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await starter.GetAsync($"/api/attachments/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agency_that_is_not_party_to_the_case_sees_no_attachment_of_it()
    {
        var (starter, _, unrelated, id) = await CaseAsync();
        var uploaded = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(Pdf(1000)), "笔录.pdf", "application/pdf"));
        var attachmentId = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var before = factory.StoredFiles().Count;

        var upload = await unrelated.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(Pdf(1000)), "x.pdf", "application/pdf"));
        upload.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unrelated.GetAsync($"/api/cases/{id}/attachments")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var download = await unrelated.GetAsync($"/api/attachments/{attachmentId}");
        download.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await download.Content.ReadAsStringAsync()).Should().NotContain(id.ToString(), "the 404 does not reveal the case");
        (await unrelated.GetAsync($"/api/attachments/{attachmentId}/info")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        factory.StoredFiles().Should().HaveCount(before);
        (await factory.CreateAuthorizedClient().GetAsync($"/api/attachments/{attachmentId}")).StatusCode.Should().Be(HttpStatusCode.OK,
            "an administrator sees every case");
    }

    [Fact]
    public async Task A_file_changed_or_removed_on_disk_is_not_served_and_is_reported()
    {
        var (starter, _, _, id) = await CaseAsync();
        var bytes = Pdf(50_000, seed: 3);
        var uploaded = await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(bytes), "鉴定意见.pdf", "application/pdf"));
        var attachmentId = Guid.Parse((await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var path = factory.StoredFiles().Single(f => f.EndsWith(attachmentId.ToString("N"), StringComparison.Ordinal));
        (await starter.GetAsync($"/api/attachments/{attachmentId}")).StatusCode.Should().Be(HttpStatusCode.OK);

        // One byte changed, same length.
        var tampered = (byte[])bytes.Clone();
        tampered[40_000] ^= 0xFF;
        await File.WriteAllBytesAsync(path, tampered);
        var changed = await starter.GetAsync($"/api/attachments/{attachmentId}");
        changed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await ProblemAsync(changed);
        problem["code"]!.GetValue<string>().Should().Be("AttachmentCorrupted");
        (await changed.Content.ReadAsStringAsync()).Should().NotContain("%PDF", "no byte of the damaged file is sent");

        File.Delete(path);
        var removed = await starter.GetAsync($"/api/attachments/{attachmentId}");
        removed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await ProblemAsync(removed))["code"]!.GetValue<string>().Should().Be("AttachmentCorrupted");

        // Put back as it was, it is served again.
        await File.WriteAllBytesAsync(path, bytes);
        (await (await starter.GetAsync($"/api/attachments/{attachmentId}")).Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
    }

    [Fact]
    public async Task Attachments_are_listed_oldest_first_and_each_has_its_info()
    {
        var (starter, police, _, id) = await CaseAsync();
        foreach (var name in new[] { "一.pdf", "二.pdf" })
            (await starter.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(Pdf(100)), name, "application/pdf")))
                .StatusCode.Should().Be(HttpStatusCode.Created);

        var list = await ListAsync(police, id);

        list.Select(a => a!["fileName"]!.GetValue<string>()).Should().Equal("一.pdf", "二.pdf");
        list.Should().OnlyContain(a => a!["storageKey"] == null, "where a file lies is not the client's business");
        var info = (await police.GetFromJsonAsync<JsonObject>($"/api/attachments/{list[0]!["id"]}/info"))!;
        info["fileName"]!.GetValue<string>().Should().Be("一.pdf");
    }
}
