namespace ConsultFlow.Server.Features.Notifications;

/// <summary>"ConsultFlow:Notifications:Smtp": the mail server notifications are sent through; no host, no e-mail.</summary>
public sealed class SmtpOptions
{
    public const string Section = "ConsultFlow:Notifications:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "consultflow@localhost";
    public string FromName { get; set; } = "执法协作平台";
    public int TimeoutSeconds { get; set; } = 30;
}
