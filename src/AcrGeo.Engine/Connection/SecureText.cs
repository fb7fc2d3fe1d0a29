using System.Runtime.InteropServices;
using System.Security;

namespace AcrGeo.Connection;

/// <summary>
/// The one place secrets cross between text and SecureString: a secret received as text (Graph's secretText, a vault
/// value) is wrapped at once, and a SecureString is revealed only for the call that must send it.
/// </summary>
static class SecureText
{
    public static SecureString From(string? text)
    {
        var secure = new SecureString();
        foreach (var c in text ?? "") secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    public static string Reveal(SecureString secret)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? "";
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
