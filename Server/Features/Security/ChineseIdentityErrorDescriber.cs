using Microsoft.AspNetCore.Identity;

namespace ConsultFlow.Server.Features.Security;

/// <summary>Identity's messages in Chinese first (the users are Chinese civil servants); the codes stay Identity's.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符。(At least {length} characters.)" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同的字符。(At least {uniqueChars} different characters.)" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确。(The current password is wrong.)" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"用户名 {userName} 已被使用。(The user name is taken.)" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "用户名只能包含字母、数字和 - . _ @ +。(Letters, digits and - . _ @ + only.)" };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "该用户刚被他人修改，请重试。(Changed by someone else; try again.)" };
}
