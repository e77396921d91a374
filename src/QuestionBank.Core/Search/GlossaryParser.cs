using System.Security.Cryptography;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using QuestionBank.Core.Documents;

namespace QuestionBank.Core.Search;

/// <summary>
/// Reads the glossary file: a markdown document whose first pipe table has one term a row —
/// Chinese, English, then abbreviations and variants separated by commas.
/// </summary>
public static class GlossaryParser
{
    /// <summary>The file name that makes an imported file the glossary rather than a document.</summary>
    public const string FileName = "glossary.md";

    /// <summary>True when an imported file is the glossary.</summary>
    /// <param name="fileName">The file's name, without folders.</param>
    public static bool IsGlossary(string fileName) => string.Equals(fileName, FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the glossary.</summary>
    /// <param name="sourceName">The file name, for errors.</param>
    /// <param name="content">The file's bytes, UTF-8.</param>
    /// <param name="pipeline">The application's markdown pipeline (it has pipe tables).</param>
    /// <exception cref="DocumentParseException">Not UTF-8, no table, a row without both a Chinese and an English form, or a term twice.</exception>
    public static ParsedGlossary Parse(string sourceName, ReadOnlySpan<byte> content, MarkdownPipeline pipeline)
    {
        string markdown;
        try
        {
            markdown = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new DocumentParseException(sourceName, null, ImportMessages.GlossaryNotUtf8.With());
        }

        var document = Markdown.Parse(markdown, pipeline);
        var table = document.Descendants<Table>().FirstOrDefault()
            ?? throw new DocumentParseException(sourceName, null, ImportMessages.GlossaryNoTable.With());
        var title = document.Descendants<HeadingBlock>().Select(h => InlineText(h.Inline)).FirstOrDefault() ?? "Glossary";

        var entries = new List<GlossaryEntry>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.OfType<TableRow>().Where(r => !r.IsHeader))
        {
            var cells = row.OfType<TableCell>().Select(CellText).ToList();
            var line = row.Line + 1;
            if (cells.Count < 2 || cells[0].Length == 0 || cells[1].Length == 0)
            {
                throw new DocumentParseException(sourceName, line, ImportMessages.GlossaryTermIncomplete.With());
            }

            if (!seen.Add(cells[0]))
            {
                throw new DocumentParseException(sourceName, line, ImportMessages.GlossaryTermTwice.With(cells[0]));
            }

            var variants = cells.Count > 2
                ? cells[2].Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            entries.Add(new GlossaryEntry(cells[0], cells[1], variants));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        return new ParsedGlossary(sourceName, title, markdown, hash, entries);
    }

    private static string CellText(TableCell cell) =>
        string.Join(' ', cell.Descendants<ParagraphBlock>().Select(p => InlineText(p.Inline))).Trim();

    private static string InlineText(ContainerInline? inline) =>
        inline is null
            ? string.Empty
            : string.Concat(inline.Descendants<Inline>().Select(i => i switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                _ => string.Empty,
            })).Trim();
}

/// <summary>A parsed glossary file.</summary>
/// <param name="SourceName">The file name.</param>
/// <param name="Title">Its first heading.</param>
/// <param name="Markdown">The file's text.</param>
/// <param name="ContentHash">SHA-256 (hex) of the file, to detect unchanged re-imports.</param>
/// <param name="Entries">The terms, in the file's order.</param>
public sealed record ParsedGlossary(string SourceName, string Title, string Markdown, string ContentHash, IReadOnlyList<GlossaryEntry> Entries);
