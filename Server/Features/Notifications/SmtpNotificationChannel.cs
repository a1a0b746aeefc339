using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>E-mail through the configured SMTP server (System.Net.Mail), to users who have an address.</summary>
public sealed class SmtpNotificationChannel(SmtpOptions options, ILogger<SmtpNotificationChannel> logger) : INotificationChannel
{
    public string Name => "smtp";

    public bool CanReach(NotificationRecipient to) => !string.IsNullOrWhiteSpace(options.Host) && !string.IsNullOrWhiteSpace(to.Email);

    public async Task SendAsync(NotificationRecipient to, NotificationDraft notification, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Host) || string.IsNullOrWhiteSpace(to.Email)) return;
        using var message = new MailMessage
        {
            From = new MailAddress(options.From, options.FromName, Encoding.UTF8),
            Subject = notification.Title,
            SubjectEncoding = Encoding.UTF8,
            Body = notification.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(to.Email, to.DisplayName, Encoding.UTF8));
        message.Headers.Add("X-ConsultFlow-Kind", notification.Kind);
        using var client = new SmtpClient(options.Host, options.Port)
        {
            EnableSsl = options.EnableSsl,
            Timeout = options.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(options.UserName))
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        await client.SendMailAsync(message, ct);
        logger.LogInformation("E-mailed {Kind} notification to {User}.", notification.Kind, to.UserName);
    }
}
