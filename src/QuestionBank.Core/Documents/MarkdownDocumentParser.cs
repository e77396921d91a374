using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace QuestionBank.Core.Documents;

/// <summary>
/// Reads a Q&amp;A document from Markdig's AST: numbered headings without numbered children are
/// questions, every other heading is a section. Headings are taken from the AST only, so a
/// <c>#</c> comment inside a code block can never become one.
/// </summary>
public sealed partial class MarkdownDocumentParser(MarkdownPipeline pipeline) : IMarkdownDocumentParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, PartKind> PartLabels = new(StringComparer.Ordinal)
    {
        ["题目"] = PartKind.Prompt,
        ["题目描述"] = PartKind.Prompt,
        ["答案"] = PartKind.Answer,
        ["答案解析"] = PartKind.Answer,
        ["满分答案解析"] = PartKind.Answer,
        ["解析"] = PartKind.Analysis,
        ["代码示例"] = PartKind.Code,
        ["源代码实例"] = PartKind.Code,
        ["源代码"] = PartKind.Code,
        ["代码实现"] = PartKind.Code,
    };

    // Headings that name a part of the text rather than the document.
    private static readonly HashSet<string> LabelHeadings = new(StringComparer.Ordinal)
    {
        "标题", "前言", "引言", "序言", "目录", "摘要", "简介", "总结", "结论", "结语", "参考", "参考资料", "附录",
        "面试题库", "算法编程题库", "面试题与算法编程题库",
    };

    /// <inheritdoc />
    public ParsedDocument Parse(string sourceName, ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        var text = Decode(sourceName, content);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DocumentParseException(sourceName, null, "the file is empty.");
        }

        var ast = Markdown.Parse(text, pipeline);
        if (ast.Descendants<FencedCodeBlock>().FirstOrDefault(f => f.ClosingFencedCharCount == 0) is { } unclosed)
        {
            throw new DocumentParseException(sourceName, unclosed.Line + 1, "a code fence opened here is never closed.");
        }

        var headings = ast.OfType<HeadingBlock>().Select(h => new Heading(h, InlineText(h.Inline))).ToList();
        var docSlug = Slugify(Path.GetFileNameWithoutExtension(sourceName));
        if (docSlug.Length > ParsedDocument.MaxSlugLength)
        {
            throw new DocumentParseException(sourceName, null,
                $"the file name is too long to be the document's address: at most {ParsedDocument.MaxSlugLength} letters and digits (rename the file).");
        }
        var title = FindTitle(ast, headings) ?? Path.GetFileNameWithoutExtension(sourceName);
        var sections = BuildSections(sourceName, text, ast, headings, title, docSlug);
        if (sections.Count == 0)
        {
            throw new DocumentParseException(
                sourceName, null, "no questions found: a question is a numbered heading such as '## 1. 问题'.");
        }

        return new ParsedDocument(docSlug, title, sourceName, Convert.ToHexStringLower(SHA256.HashData(content)), text, sections);
    }

    private static string Decode(string sourceName, ReadOnlySpan<byte> content)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException error)
        {
            var line = error.Index >= 0 ? content[..Math.Min(error.Index, content.Length)].Count((byte)'\n') + 1 : (int?)null;
            throw new DocumentParseException(sourceName, line, "the file is not UTF-8 text (save it as UTF-8 and import it again).");
        }
    }

    private List<ParsedSection> BuildSections(
        string sourceName, string text, MarkdownDocument ast, List<Heading> headings, string title, string docSlug)
    {
        var sections = new List<(Heading? Heading, List<ParsedQuestion> Questions)>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            if (heading.Number is null || HasNumberedChild(headings, i))
            {
                continue;
            }

            var section = EnclosingSection(headings, i);
            var index = sections.FindIndex(s => s.Heading == section);
            if (index < 0)
            {
                sections.Add((section, []));
                index = sections.Count - 1;
            }

            var sectionTitle = section is null ? title : CleanTitle(section.Text);
            var slug = UniqueSlug(slugs, $"{docSlug}-{index + 1}-{heading.Number.Replace('.', '-')}");
            if (slug.Length > ParsedQuestion.MaxSlugLength)
            {
                throw new DocumentParseException(sourceName, heading.Block.Line + 1,
                    $"the heading number is too long to be part of the question's address (at most {ParsedQuestion.MaxSlugLength} characters with the file name).");
            }
            sections[index].Questions.Add(BuildQuestion(text, ast, headings, i, sectionTitle, slug));
        }

        return sections
            .Select((s, i) => new ParsedSection(i + 1, s.Heading is null ? title : CleanTitle(s.Heading.Text), s.Questions))
            .ToList();
    }

    private ParsedQuestion BuildQuestion(string text, MarkdownDocument ast, List<Heading> headings, int index, string sectionTitle, string slug)
    {
        var heading = headings[index];
        var start = heading.Block.Span.End + 1;
        var end = headings.Skip(index + 1).FirstOrDefault(h => h.Level <= heading.Level)?.Block.Span.Start ?? text.Length;
        var body = start < end ? text[start..end].Trim() : string.Empty;
        var bodyAst = Markdown.Parse(body, pipeline);
        var code = bodyAst.Descendants<FencedCodeBlock>()
            .Where(f => !ExerciseDeclaration.IsDeclaration(f))
            .Select(f => new CodeSample(LanguageOf(f), f.Lines.ToString()))
            .ToList();
        return new ParsedQuestion(
            slug,
            heading.Number!,
            heading.Title,
            KindOf(sectionTitle, heading.Title),
            body,
            SplitParts(body, bodyAst),
            code,
            heading.Block.Line + 1,
            ExerciseDeclarations(ast, start, end));
    }

    // Read from the whole document's AST (not the trimmed body's) so each keeps its line in the file.
    private static List<ExerciseDeclaration> ExerciseDeclarations(MarkdownDocument ast, int start, int end) =>
        ast.Where(b => b.Span.Start >= start && b.Span.Start < end && ExerciseDeclaration.IsDeclaration(b))
            .Cast<FencedCodeBlock>()
            .Select(f => new ExerciseDeclaration(f.Arguments?.Trim() ?? string.Empty, f.Line + 1))
            .ToList();

    /// <summary>Cuts the body at paragraphs that open with a bold label such as <c>**答案：**</c>.</summary>
    private static List<QuestionPart> SplitParts(string body, MarkdownDocument bodyAst)
    {
        var labels = bodyAst.OfType<ParagraphBlock>()
            .Select(p => (Paragraph: p, Label: p.Inline?.FirstChild is EmphasisInline { DelimiterCount: 2 } strong ? (Strong: strong, Text: InlineText(strong).TrimEnd('：', ':', ' ')) : default))
            .Where(x => x.Label.Strong is not null && PartLabels.ContainsKey(x.Label.Text))
            .ToList();

        var parts = new List<QuestionPart>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            var from = labels[i].Label.Strong!.Span.End + 1;
            var to = i + 1 < labels.Count ? labels[i + 1].Paragraph.Span.Start : body.Length;
            var markdown = body[from..to].TrimStart('：', ':', ' ', '\t').Trim();
            parts.Add(new QuestionPart(PartLabels[labels[i].Label.Text], labels[i].Label.Text, markdown));
        }

        return parts;
    }

    private static QuestionKind KindOf(string sectionTitle, string questionTitle)
    {
        var codingSection = sectionTitle.Contains("编程", StringComparison.Ordinal)
            || sectionTitle.Contains("源代码", StringComparison.Ordinal)
            || sectionTitle.Contains("代码实例", StringComparison.Ordinal);
        // A section of both kinds ("面试题与算法编程题库") says nothing; the question's own title decides.
        if (codingSection && !sectionTitle.Contains("面试题", StringComparison.Ordinal))
        {
            return QuestionKind.Coding;
        }

        string[] codingStarts = ["实现", "编写", "编程", "手写"];
        return codingStarts.Any(s => questionTitle.StartsWith(s, StringComparison.Ordinal))
            || questionTitle.Contains("代码实例", StringComparison.Ordinal)
            ? QuestionKind.Coding
            : QuestionKind.Concept;
    }

    private static bool HasNumberedChild(List<Heading> headings, int index)
    {
        var level = headings[index].Level;
        return headings.Skip(index + 1).TakeWhile(h => h.Level > level).Any(h => h.Number is not null);
    }

    /// <summary>The nearest heading above this one at a higher level, if any.</summary>
    private static Heading? EnclosingSection(List<Heading> headings, int index)
    {
        var level = headings[index].Level;
        for (var i = index - 1; i >= 0; i--)
        {
            if (headings[i].Level < level)
            {
                return headings[i];
            }
        }

        return null;
    }

    private static string? FindTitle(MarkdownDocument ast, List<Heading> headings)
    {
        // The real title is often quoted as 《…》 in the text before the questions (a chatty preamble or under "### 标题").
        foreach (var block in ast)
        {
            if (block is HeadingBlock h && headings.First(x => x.Block == h).Number is not null)
            {
                break;
            }

            if (block is ParagraphBlock paragraph && BookTitle().Match(InlineText(paragraph.Inline)) is { Success: true } match)
            {
                return match.Groups[1].Value.Trim();
            }
        }

        return headings
            .Where(h => h.Number is null)
            .Select(h => CleanTitle(h.Text))
            .FirstOrDefault(t => t.Length > 0 && !LabelHeadings.Contains(t));
    }

    private static string CleanTitle(string heading)
    {
        var text = ChineseOrdinal().Replace(heading, string.Empty);
        var dash = text.IndexOf(" - ", StringComparison.Ordinal);
        return (dash > 0 ? text[..dash] : text).Trim();
    }

    private static string UniqueSlug(HashSet<string> taken, string slug)
    {
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    /// <summary>
    /// The file name's letters (with their marks) and digits in lower case, runs of anything else made one '-'. Letters of
    /// every script count: a bank of Chinese documents has Chinese file names, and two of them must not
    /// become one document.
    /// </summary>
    private static string Slugify(string name)
    {
        var slug = NonSlugChars().Replace(name.Normalize(NormalizationForm.FormKC).ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 0 ? slug : "document";
    }

    /// <summary>The fence's language; an info string longer than any language's name is none.</summary>
    private static string LanguageOf(FencedCodeBlock fence) =>
        fence.Info is { Length: > 0 and <= CodeSample.MaxLanguageLength } info ? info : string.Empty;

    private static string InlineText(Inline? inline) => inline switch
    {
        null => string.Empty,
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        MathInline math => math.Content.ToString(),
        LineBreakInline => " ",
        ContainerInline container => string.Concat(container.Select(InlineText)),
        _ => string.Empty,
    };

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)(?:[.、．]\s*|\s+)(\S.*)$")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^[一二三四五六七八九十]+[、.．]\s*|^\d+(?:\.\d+)*[.、．]\s*")]
    private static partial Regex ChineseOrdinal();

    [GeneratedRegex("《([^》]+)》")]
    private static partial Regex BookTitle();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{Nd}]+")]
    private static partial Regex NonSlugChars();

    private sealed class Heading
    {
        public Heading(HeadingBlock block, string text)
        {
            Block = block;
            Text = text.Trim();
            var match = NumberedHeading().Match(Text);
            Number = match.Success ? match.Groups[1].Value : null;
            Title = match.Success ? match.Groups[2].Value.Trim() : Text;
        }

        public HeadingBlock Block { get; }

        public int Level => Block.Level;

        public string Text { get; }

        public string? Number { get; }

        public string Title { get; }
    }
}
