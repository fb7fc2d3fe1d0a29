using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AcrGeo.Connection;

/// <summary>
/// Joins arguments into one command line that the started process splits back into exactly those arguments.
/// netstandard2.0's ProcessStartInfo has no ArgumentList; .NET splits the string by the Windows C runtime's rules on
/// every platform, so quoting by those rules keeps paths with spaces, quotes or trailing backslashes intact.
/// </summary>
static class CommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    static string Quote(string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => c is ' ' or '\t' or '\n' or '\v' or '"')) return argument;
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            // Backslashes are literal unless a quote follows: then each must be doubled, and the quote escaped.
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }
        // Before the closing quote, too.
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
