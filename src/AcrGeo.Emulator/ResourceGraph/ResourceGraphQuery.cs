using System.Text;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.ResourceGraph;

/// <summary>
/// The part of Resource Graph's query language (KQL) the emulator answers, read honestly: the <c>resources</c> table and
/// the operators <c>where</c> (<c>==</c>, <c>=~</c>, <c>!=</c>, <c>!~</c>, <c>in</c>, <c>in~</c>, <c>!in</c>, <c>!in~</c> against
/// string literals, joined by <c>and</c>), <c>project</c> (columns, <c>new = column</c>), <c>extend</c> (<c>new = column or
/// 'literal'</c>), <c>order by</c> / <c>sort by</c> (descending unless <c>asc</c>, as in KQL) and <c>take</c> / <c>limit</c>.
/// Anything else is refused with the error Resource Graph gives an invalid query, never answered wrongly.
/// </summary>
public sealed class ResourceGraphQuery
{
    /// <summary>What the emulator serves, for the refusals' messages.</summary>
    public const string Supported =
        "the resources table with where (==, =~, !=, !~, in, in~, !in, !in~ against string literals, joined by 'and'), " +
        "project, extend (a column or a string literal), order by / sort by, take / limit";

    readonly List<Func<IEnumerable<GraphRow>, IEnumerable<GraphRow>>> steps = [];

    ResourceGraphQuery()
    {
    }

    /// <summary>Reads a query, or throws <see cref="ResourceGraphQueryException"/> saying where and why it cannot.</summary>
    public static ResourceGraphQuery Parse(string text)
    {
        var query = new ResourceGraphQuery();
        var tokens = new Tokens(text);
        if (tokens.Peek is { Kind: TokenKind.Word } first && first.Text.Equals("resources", StringComparison.OrdinalIgnoreCase))
            tokens.Next();
        else if (tokens.Peek is { Kind: TokenKind.Word } table && !IsOperator(table.Text))
            throw ResourceGraphQueryException.Unsupported($"The table '{table.Text}' is not one the emulator has; it has only 'resources'.");
        var firstOperator = true;
        while (!tokens.AtEnd)
        {
            // Resource Graph lets a query start with an operator on the resources table: "where type =~ '...'".
            if (!(firstOperator && tokens.Peek.Kind == TokenKind.Word)) tokens.Expect(TokenKind.Pipe, "'|'");
            firstOperator = false;
            var name = tokens.Expect(TokenKind.Word, "an operator");
            switch (name.Text.ToLowerInvariant())
            {
                case "where": query.steps.Add(ReadWhere(tokens)); break;
                case "project": query.steps.Add(ReadProject(tokens)); break;
                case "extend": query.steps.Add(ReadExtend(tokens)); break;
                case "order" or "sort": query.steps.Add(ReadOrder(tokens)); break;
                case "take" or "limit": query.steps.Add(ReadTake(tokens)); break;
                default:
                    throw ResourceGraphQueryException.Unsupported($"The operator '{name.Text}' is not one the emulator serves.");
            }
            if (!tokens.AtEnd && tokens.Peek.Kind != TokenKind.Pipe) throw tokens.Unexpected("'|' or the end of the query");
        }
        return query;
    }

    static bool IsOperator(string word) => word.ToLowerInvariant() is "where" or "project" or "extend" or "order" or "sort" or "take" or "limit";

    public IReadOnlyList<GraphRow> Run(IEnumerable<GraphRow> rows) => steps.Aggregate(rows, (current, step) => step(current)).ToList();

    static Func<IEnumerable<GraphRow>, IEnumerable<GraphRow>> ReadWhere(Tokens tokens)
    {
        var conditions = new List<Func<GraphRow, bool>>();
        do conditions.Add(ReadCondition(tokens));
        while (tokens.TakeWord("and"));
        if (tokens.Peek is { Kind: TokenKind.Word } word && word.Text.Equals("or", StringComparison.OrdinalIgnoreCase))
            throw ResourceGraphQueryException.Unsupported("'or' is not served by the emulator; use 'in' or 'in~' with a list.");
        return rows => rows.Where(row => conditions.All(c => c(row)));
    }

    static Func<GraphRow, bool> ReadCondition(Tokens tokens)
    {
        var column = tokens.Expect(TokenKind.Word, "a column").Text;
        var op = tokens.Expect(TokenKind.Operator, "a comparison").Text;
        switch (op)
        {
            case "==" or "=~" or "!=" or "!~":
                var literal = tokens.Expect(TokenKind.String, "a string literal").Text;
                var ignoreCase = op.EndsWith('~');
                var equal = op.StartsWith('=');
                return row => row.Text(column) is { } value
                    ? string.Equals(value, literal, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) == equal
                    : !equal;
            case "in" or "in~" or "!in" or "!in~":
                var list = ReadList(tokens);
                var comparer = op.EndsWith('~') ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                var inside = !op.StartsWith('!');
                return row => row.Text(column) is { } value ? list.Contains(value, comparer) == inside : !inside;
            default:
                throw tokens.Unexpected("a comparison (==, =~, !=, !~, in, in~, !in, !in~)", op);
        }
    }

    static List<string> ReadList(Tokens tokens)
    {
        tokens.Expect(TokenKind.Open, "'('");
        var values = new List<string> { tokens.Expect(TokenKind.String, "a string literal").Text };
        while (tokens.Take(TokenKind.Comma)) values.Add(tokens.Expect(TokenKind.String, "a string literal").Text);
        tokens.Expect(TokenKind.Close, "')'");
        return values;
    }

    static Func<IEnumerable<GraphRow>, IEnumerable<GraphRow>> ReadProject(Tokens tokens)
    {
        var columns = new List<(string Name, string Source)>();
        do
        {
            var name = tokens.Expect(TokenKind.Word, "a column").Text;
            columns.Add(tokens.Take(TokenKind.Assign) ? (name, tokens.Expect(TokenKind.Word, "a column").Text) : (LastSegment(name), name));
        } while (tokens.Take(TokenKind.Comma));
        return rows => rows.Select(row => row.Project(columns));
    }

    static Func<IEnumerable<GraphRow>, IEnumerable<GraphRow>> ReadExtend(Tokens tokens)
    {
        var columns = new List<(string Name, Func<GraphRow, JsonNode?> Value)>();
        do
        {
            var name = tokens.Expect(TokenKind.Word, "a column name").Text;
            tokens.Expect(TokenKind.Assign, "'='");
            var value = tokens.Next();
            columns.Add(value.Kind switch
            {
                TokenKind.String => (name, _ => JsonValue.Create(value.Text)),
                TokenKind.Word when tokens.Peek.Kind == TokenKind.Open =>
                    throw ResourceGraphQueryException.Unsupported($"The function '{value.Text}' is not one the emulator serves; extend takes a column or a string literal."),
                TokenKind.Word => (name, row => row.Value(value.Text)?.DeepClone()),
                _ => throw tokens.Unexpected("a column or a string literal", value.Text),
            });
        } while (tokens.Take(TokenKind.Comma));
        return rows => rows.Select(row => row.Extend(columns));
    }

    static Func<IEnumerable<GraphRow>, IEnumerable<GraphRow>> ReadOrder(Tokens tokens)
    {
        if (!tokens.TakeWord("by")) throw tokens.Unexpected("'by'");
        var keys = new List<(string Column, bool Descending)>();
        do
        {
            var column = tokens.Expect(TokenKind.Word, "a column").Text;
            // KQL sorts descending unless told otherwise.
            var descending = !tokens.TakeWord("asc");
            if (descending) tokens.TakeWord("desc");
            keys.Add((column, descending));
        } while (tokens.Take(TokenKind.Comma));
        return rows =>
        {
            IOrderedEnumerable<GraphRow>? ordered = null;
            foreach (var (column, descending) in keys)
            {
                Func<GraphRow, string> key = row => row.Text(column) ?? "";
                ordered = ordered is null
                    ? descending ? rows.OrderByDescending(key, StringComparer.Ordinal) : rows.OrderBy(key, StringComparer.Ordinal)
                    : descending ? ordered.ThenByDescending(key, StringComparer.Ordinal) : ordered.ThenBy(key, StringComparer.Ordinal);
            }
            return ordered!;
        };
    }

    static Func<IEnumerable<GraphRow>, IEnumerable<GraphRow>> ReadTake(Tokens tokens)
    {
        var count = tokens.Expect(TokenKind.Number, "a number");
        var n = int.Parse(count.Text, System.Globalization.CultureInfo.InvariantCulture);
        return rows => rows.Take(n);
    }

    static string LastSegment(string path) => path.Contains('.') ? path[(path.LastIndexOf('.') + 1)..] : path;

    enum TokenKind { Word, String, Number, Pipe, Comma, Open, Close, Assign, Operator, End }

    readonly record struct Token(TokenKind Kind, string Text, int Position);

    /// <summary>KQL's tokens as far as the subset needs them; positions are for ParserFailure's details.</summary>
    sealed class Tokens
    {
        readonly List<Token> list = [];
        int index;

        public Tokens(string text)
        {
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                var start = i;
                if (char.IsLetter(c) || c == '_' || c == '$')
                {
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '$')) i++;
                    var word = text[start..i];
                    // in~ and !in~ read as one operator, like KQL's.
                    if (word.Equals("in", StringComparison.OrdinalIgnoreCase))
                    {
                        if (i < text.Length && text[i] == '~') i++;
                        list.Add(new Token(TokenKind.Operator, text[start..i].ToLowerInvariant(), start));
                    }
                    else list.Add(new Token(TokenKind.Word, word, start));
                    continue;
                }
                if (char.IsDigit(c))
                {
                    while (i < text.Length && char.IsDigit(text[i])) i++;
                    list.Add(new Token(TokenKind.Number, text[start..i], start));
                    continue;
                }
                if (c is '\'' or '"')
                {
                    var value = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != c)
                    {
                        if (text[i] == '\\' && i + 1 < text.Length) i++;
                        value.Append(text[i++]);
                    }
                    if (i >= text.Length) throw Failure(start, text[start..], "an unterminated string literal");
                    i++;
                    list.Add(new Token(TokenKind.String, value.ToString(), start));
                    continue;
                }
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "=~" or "!=" or "!~")
                {
                    list.Add(new Token(TokenKind.Operator, two, start));
                    i += 2;
                    continue;
                }
                if (c == '!' && text.AsSpan(i + 1).StartsWith("in", StringComparison.OrdinalIgnoreCase))
                {
                    i += 3;
                    if (i < text.Length && text[i] == '~') i++;
                    list.Add(new Token(TokenKind.Operator, text[start..i].ToLowerInvariant(), start));
                    continue;
                }
                var kind = c switch
                {
                    '|' => TokenKind.Pipe,
                    ',' => TokenKind.Comma,
                    '(' => TokenKind.Open,
                    ')' => TokenKind.Close,
                    '=' => TokenKind.Assign,
                    _ => throw Failure(start, c.ToString(), $"the character '{c}'"),
                };
                list.Add(new Token(kind, c.ToString(), start));
                i++;
            }
            list.Add(new Token(TokenKind.End, "<EOF>", text.Length));
        }

        public Token Peek => list[index];
        public bool AtEnd => Peek.Kind == TokenKind.End;
        public Token Next() => list[Math.Min(index++, list.Count - 1)];

        public Token Expect(TokenKind kind, string what) => Peek.Kind == kind ? Next() : throw Unexpected(what);

        public bool Take(TokenKind kind)
        {
            if (Peek.Kind != kind) return false;
            index++;
            return true;
        }

        public bool TakeWord(string word)
        {
            if (Peek.Kind != TokenKind.Word || !Peek.Text.Equals(word, StringComparison.OrdinalIgnoreCase)) return false;
            index++;
            return true;
        }

        public ResourceGraphQueryException Unexpected(string expected, string? found = null) =>
            Failure(Peek.Position, found ?? Peek.Text, $"'{found ?? Peek.Text}' where {expected} was expected");

        static ResourceGraphQueryException Failure(int position, string token, string what) =>
            ResourceGraphQueryException.ParserFailure(position, token, $"The query could not be read at character {position}: {what}.");
    }
}

/// <summary>A query Resource Graph would refuse: its details say how, as Resource Graph's do.</summary>
public sealed class ResourceGraphQueryException : Exception
{
    ResourceGraphQueryException(string message, JsonObject detail) : base(message) => Detail = detail;

    /// <summary>The second entry of the error's details, after InvalidQuery.</summary>
    public JsonObject Detail { get; }

    public static ResourceGraphQueryException ParserFailure(int position, string token, string message) => new(message, new JsonObject
    {
        ["code"] = "ParserFailure",
        ["message"] = message,
        ["line"] = 1,
        ["characterPositionInLine"] = position,
        ["token"] = token,
    });

    public static ResourceGraphQueryException Unsupported(string message) => new(message, new JsonObject
    {
        ["code"] = "UnsupportedByEmulator",
        ["message"] = $"{message} The emulator's Resource Graph serves {ResourceGraphQuery.Supported}.",
    });
}
