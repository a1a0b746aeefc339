using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ConsultFlow.Server.Tests.Attachments;

/// <summary>Request bodies for uploads: multipart with one part named "file", of known or unknown length.</summary>
public static class UploadBodies
{
    public static byte[] Pdf(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static MultipartFormDataContent Form(HttpContent file, string fileName, string contentType, string partName = "file")
    {
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, partName, fileName } };
        return form;
    }

    /// <summary>As a browser sends it: the file name raw UTF-8 in the part header, no filename*.</summary>
    public static MultipartFormDataContent BrowserForm(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName}\"");
        var form = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        form.Add(file);
        return form;
    }
}
