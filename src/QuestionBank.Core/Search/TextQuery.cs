using System.Text;

namespace QuestionBank.Core.Search;

/// <summary>
/// A PostgreSQL tsquery, parsed from its normalised text (what <c>to_tsquery('english', …)::text</c>
/// prints: lexemes already stemmed), so <see cref="InvertedIndex"/> can evaluate it in memory
/// with PostgreSQL's semantics: <c>&amp;</c>, <c>|</c>, <c>!</c>, phrases <c>&lt;N&gt;</c> and prefixes <c>:*</c>.
/// </summary>
public abstract record TextQuery
{
    /// <summary>The query that matches nothing (an empty tsquery, e.g. of stop words only).</summary>
    public static TextQuery Nothing { get; } = new NoneQuery();

    /// <summary>Parses the text form of a normalised tsquery.</summary>
    /// <param name="text">E.g. <c>'transfer' &lt;-&gt; 'learn' | '迁移' &amp; '移学'</c>.</param>
    /// <exception cref="FormatException">The text is not a tsquery.</exception>
    public static TextQuery Parse(string text)
    {
        var parser = new Parser(text);
        if (parser.AtEnd)
        {
            return Nothing;
        }

        var query = parser.ParseOr();
        return parser.AtEnd ? query : throw new FormatException($"Unexpected text at {parser.Position} in tsquery \"{text}\".");
    }

    /// <summary>A lexeme, or with <paramref name="Prefix"/> every lexeme starting with it.</summary>
    public sealed record Term(string Lexeme, bool Prefix) : TextQuery;

    /// <summary>Both sides.</summary>
    public sealed record And(TextQuery Left, TextQuery Right) : TextQuery;

    /// <summary>Either side.</summary>
    public sealed record Or(TextQuery Left, TextQuery Right) : TextQuery;

    /// <summary>Not the operand.</summary>
    public sealed record Not(TextQuery Operand) : TextQuery;

    /// <summary><paramref name="Right"/> exactly <paramref name="Distance"/> positions after <paramref name="Left"/> (<c>&lt;-&gt;</c> is 1).</summary>
    public sealed record Phrase(TextQuery Left, TextQuery Right, int Distance) : TextQuery;

    private sealed record NoneQuery : TextQuery;

    // PostgreSQL's precedence, loosest first: |, &, <N>, !.
    private sealed class Parser(string text)
    {
        private int position;

        public int Position => position;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return position >= text.Length;
            }
        }

        public TextQuery ParseOr()
        {
            var left = ParseAnd();
            while (Accept('|'))
            {
                left = new Or(left, ParseAnd());
            }

            return left;
        }

        private TextQuery ParseAnd()
        {
            var left = ParsePhrase();
            while (Accept('&'))
            {
                left = new And(left, ParsePhrase());
            }

            return left;
        }

        private TextQuery ParsePhrase()
        {
            var left = ParseUnary();
            while (PhraseDistance() is { } distance)
            {
                left = new Phrase(left, ParseUnary(), distance);
            }

            return left;
        }

        private TextQuery ParseUnary()
        {
            if (Accept('!'))
            {
                return new Not(ParseUnary());
            }

            if (Accept('('))
            {
                var inner = ParseOr();
                return Accept(')') ? inner : throw Error("')'");
            }

            return ParseTerm();
        }

        private Term ParseTerm()
        {
            if (!Accept('\''))
            {
                throw Error("a quoted lexeme");
            }

            var lexeme = new StringBuilder();
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error("a closing quote");
                }

                var c = text[position++];
                if (c == '\\' && position < text.Length)
                {
                    lexeme.Append(text[position++]);
                }
                else if (c == '\'' && position < text.Length && text[position] == '\'')
                {
                    lexeme.Append('\'');
                    position++;
                }
                else if (c == '\'')
                {
                    break;
                }
                else
                {
                    lexeme.Append(c);
                }
            }

            var prefix = false;
            if (position < text.Length && text[position] == ':')
            {
                position++;
                // Weight letters restrict a term to parts of a document; the queries searched carry none.
                while (position < text.Length && (text[position] == '*' || char.IsAsciiLetter(text[position])))
                {
                    prefix |= text[position++] == '*';
                }
            }

            return new Term(lexeme.ToString(), prefix);
        }

        private int? PhraseDistance()
        {
            SkipSpaces();
            if (position >= text.Length || text[position] != '<')
            {
                return null;
            }

            var end = text.IndexOf('>', position);
            if (end < 0)
            {
                throw Error("'>'");
            }

            var inside = text[(position + 1)..end];
            position = end + 1;
            return inside == "-" ? 1 : int.Parse(inside, System.Globalization.CultureInfo.InvariantCulture);
        }

        private bool Accept(char c)
        {
            SkipSpaces();
            if (position < text.Length && text[position] == c)
            {
                position++;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at {position} in tsquery \"{text}\".");
    }
}
