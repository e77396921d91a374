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
/// questions, every other heading is a section. A numbered heading whose numbered sub-headings are
/// its own sub-points (see <see cref="HoldsSubPoints"/>) is one question too. The title heading is
/// never a question. Headings are taken from the AST only, so a <c>#</c> comment inside a code block
/// can never become one.
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
            // An empty placeholder (a data folder's README) is a file without questions, not a bad file.
            throw new NoQuestionsException(sourceName, ImportMessages.Empty.With());
        }

        var ast = Markdown.Parse(text, pipeline);
        if (ast.Descendants<FencedCodeBlock>().FirstOrDefault(f => f.ClosingFencedCharCount == 0) is { } unclosed)
        {
            throw new DocumentParseException(sourceName, unclosed.Line + 1, ImportMessages.UnclosedFence.With());
        }

        // A heading's formulas keep their dollars, so its title shows them as formulas (TitleFormulas).
        var headings = ast.OfType<HeadingBlock>().Select(h => new Heading(h, InlineText(h.Inline, delimitFormulas: true))).ToList();
        // The path in the upload is the document's identity: two README.md in different folders are two documents.
        var docSlug = Slugify(Path.ChangeExtension(sourceName.Replace('\\', '/'), null));
        if (docSlug.Length > ParsedDocument.MaxSlugLength)
        {
            throw new DocumentParseException(sourceName, null,
                ImportMessages.PathTooLong.With(ParsedDocument.MaxSlugLength));
        }
        var titleHeading = FindTitleHeading(headings);
        titleHeading?.MakeTitle();
        var title = BookTitleOf(ast, headings) ?? (titleHeading is null ? PathTitle(sourceName)
            // An H1's leading number is part of its title ("65 Machine Learning Interview Questions").
            : titleHeading.Level == 1 ? titleHeading.Text : CleanTitle(titleHeading.Text));
        var spans = new List<(int Start, int End)>();
        var sections = BuildSections(sourceName, text, ast, headings, title, docSlug, spans);
        if (sections.Count == 0)
        {
            throw new NoQuestionsException(sourceName);
        }

        return new ParsedDocument(
            docSlug, title, sourceName, Convert.ToHexStringLower(SHA256.HashData(content)), text, sections, Passages(text, spans));
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
            throw new DocumentParseException(sourceName, line, ImportMessages.NotUtf8.With());
        }
    }

    private List<ParsedSection> BuildSections(
        string sourceName, string text, MarkdownDocument ast, List<Heading> headings, string title, string docSlug, List<(int Start, int End)> spans)
    {
        var sections = new List<(Heading? Heading, List<ParsedQuestion> Questions)>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            if (heading.Number is null || heading.IsSubPoint || (HasNumberedChild(headings, i) && !HoldsSubPoints(headings, i)))
            {
                continue;
            }

            MarkSubPoints(headings, i);
            // A run of questions under one heading is one section, so the site keeps the source's order.
            var section = EnclosingSection(headings, i);
            if (sections.Count == 0 || sections[^1].Heading != section)
            {
                sections.Add((section, []));
            }

            var index = sections.Count - 1;
            var sectionTitle = section is null or { IsTitle: true } ? title : CleanTitle(section.Text);
            var slug = UniqueSlug(slugs, $"{docSlug}-{index + 1}-{heading.Number.Replace('.', '-')}");
            if (slug.Length > ParsedQuestion.MaxSlugLength)
            {
                throw new DocumentParseException(sourceName, heading.Block.Line + 1,
                    ImportMessages.HeadingNumberTooLong.With(ParsedQuestion.MaxSlugLength));
            }
            var end = QuestionEnd(text, ast, headings, i);
            spans.Add((heading.Block.Span.Start, end));
            sections[index].Questions.Add(BuildQuestion(text, ast, headings, i, end, sectionTitle, slug));
        }

        return sections
            .Select((s, i) => new ParsedSection(i + 1, s.Heading is null or { IsTitle: true } ? title : CleanTitle(s.Heading.Text), s.Questions))
            .ToList();
    }

    /// <summary>
    /// Where a question's answer ends: at the next heading of its level or above; the last question's
    /// at a thematic break (<c>---</c>) with no heading after it, which sets off the document's footer.
    /// </summary>
    private static int QuestionEnd(string text, MarkdownDocument ast, List<Heading> headings, int index)
    {
        var heading = headings[index];
        if (headings.Skip(index + 1).FirstOrDefault(h => h.Level <= heading.Level) is { } next)
        {
            return next.Block.Span.Start;
        }

        var lastHeading = headings[^1].Block.Span.Start;
        return ast.OfType<ThematicBreakBlock>().LastOrDefault(b => b.Span.Start > lastHeading) is { } footer
            ? footer.Span.Start
            : text.Length;
    }

    /// <summary>The text outside the questions, in order: what precedes each question, then the footer.</summary>
    private static List<ParsedPassage> Passages(string text, List<(int Start, int End)> spans)
    {
        var passages = new List<ParsedPassage>();
        var from = 0;
        for (var i = 0; i <= spans.Count; i++)
        {
            var to = i < spans.Count ? spans[i].Start : text.Length;
            if (to > from && text[from..to].Trim() is { Length: > 0 } passage)
            {
                passages.Add(new ParsedPassage(i, passage));
            }

            from = i < spans.Count ? Math.Max(from, spans[i].End) : from;
        }

        return passages;
    }

    private ParsedQuestion BuildQuestion(string text, MarkdownDocument ast, List<Heading> headings, int index, int end, string sectionTitle, string slug)
    {
        var heading = headings[index];
        var start = heading.Block.Span.End + 1;
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

    private static bool HasNumberedChild(List<Heading> headings, int index) => NumberedChildren(headings, index).Any();

    private static IEnumerable<Heading> NumberedChildren(List<Heading> headings, int index)
    {
        var level = headings[index].Level;
        return headings.Skip(index + 1).TakeWhile(h => h.Level > level).Where(h => h.Number is not null);
    }

    /// <summary>
    /// Whether a numbered heading's numbered sub-headings are points of its answer rather than questions:
    /// none of them continues its number (under <c>12.1.3</c>, <c>1.</c> and <c>4.1</c> do, <c>12.1.3.1</c>
    /// does not), and either it asks (its title ends with a question mark) or it is a deep number
    /// (<c>17.9.4 Xception</c>) under which no sub-heading asks. <c>## 1. 基础题</c> over <c>### 1. 什么是…？</c>
    /// stays a section of questions.
    /// </summary>
    private static bool HoldsSubPoints(List<Heading> headings, int index)
    {
        var heading = headings[index];
        var children = NumberedChildren(headings, index).ToList();
        if (children.Any(c => c.Number!.StartsWith(heading.Number + ".", StringComparison.Ordinal)))
        {
            return false;
        }

        return Asks(heading.Title) || (heading.Number!.Contains('.', StringComparison.Ordinal) && !children.Any(c => Asks(c.Title)));
    }

    private static bool Asks(string title) => title.TrimEnd().EndsWith('？') || title.TrimEnd().EndsWith('?');

    private static void MarkSubPoints(List<Heading> headings, int index)
    {
        var level = headings[index].Level;
        foreach (var child in headings.Skip(index + 1).TakeWhile(h => h.Level > level))
        {
            child.IsSubPoint = true;
        }
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

    /// <summary>A 《…》 title quoted in the text before the questions (a chatty preamble or under "### 标题").</summary>
    private static string? BookTitleOf(MarkdownDocument ast, List<Heading> headings)
    {
        foreach (var block in ast)
        {
            if (block is HeadingBlock h && headings.First(x => x.Block == h) is { Number: not null, IsTitle: false })
            {
                break;
            }

            if (block is ParagraphBlock paragraph && BookTitle().Match(InlineText(paragraph.Inline)) is { Success: true } match)
            {
                return match.Groups[1].Value.Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// The heading that names the document: its first H1, whatever it starts with; else its first heading
    /// when that is unnumbered, no label and at the document's top level. Deeper or later headings never are.
    /// </summary>
    private static Heading? FindTitleHeading(List<Heading> headings)
    {
        if (headings.FirstOrDefault(h => h.Level == 1 && CleanTitle(h.Text).Length > 0) is { } h1)
        {
            return h1;
        }

        return headings.FirstOrDefault() is { Number: null } first
            && first.Level == headings.Min(h => h.Level)
            && CleanTitle(first.Text) is { Length: > 0 } text && !LabelHeadings.Contains(text)
            ? first
            : null;
    }

    /// <summary>The title a path gives: the file's name, or its folder's for a README or index (<c>Part/NN. Topic/README.md</c> is "NN. Topic").</summary>
    private static string PathTitle(string sourceName)
    {
        var segments = sourceName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = Path.GetFileNameWithoutExtension(segments[^1]);
        return name.Equals("readme", StringComparison.OrdinalIgnoreCase) || name.Equals("index", StringComparison.OrdinalIgnoreCase)
            ? segments.Length > 1 ? segments[^2] : name
            : name;
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

    private static string InlineText(Inline? inline, bool delimitFormulas = false) => inline switch
    {
        null => string.Empty,
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        MathInline math => delimitFormulas ? $"${math.Content}$" : math.Content.ToString(),
        LineBreakInline => " ",
        // A link's text without the brackets it is often written in: "… lemmatization? [[src]](url)" is "… lemmatization? src".
        LinkInline link => string.Concat(link.Select(i => InlineText(i, delimitFormulas))).Trim('[', ']'),
        ContainerInline container => ChildrenText(container, delimitFormulas),
        _ => string.Empty,
    };

    /// <summary>The children's text, less the brackets a link is wrapped in: "… variance? [[src](url)]" is "… variance? src".</summary>
    private static string ChildrenText(ContainerInline container, bool delimitFormulas)
    {
        var children = container.ToList();
        var texts = children.Select(i => InlineText(i, delimitFormulas)).ToList();
        for (var i = 1; i + 1 < children.Count; i++)
        {
            if (children[i] is LinkInline { IsImage: false } && texts[i - 1].EndsWith('[') && texts[i + 1].StartsWith(']'))
            {
                texts[i - 1] = texts[i - 1][..^1];
                texts[i + 1] = texts[i + 1][1..];
            }
        }

        return string.Concat(texts);
    }

    // "1. ", "1、", "1．", "1) ", "2.3 ", and "4.1设计思想" (a dotted number right before a CJK letter).
    [GeneratedRegex(@"^(\d+(?:\.\d+)+)(\p{Lo}.*)$|^(\d+(?:\.\d+)*)(?:[.、．)）]\s*|\s+)(\S.*)$")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^[一二三四五六七八九十]+[、.．]\s*|^\d+(?:\.\d+)*(?:[.、．)）]\s*|\s+|(?=\p{Lo}))")]
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
            var first = match.Groups[1].Success ? 1 : 3;
            Number = match.Success ? match.Groups[first].Value : null;
            Title = match.Success ? match.Groups[first + 1].Value.Trim() : Text;
        }

        public HeadingBlock Block { get; }

        public int Level => Block.Level;

        public string Text { get; }

        public string? Number { get; private set; }

        public string Title { get; }

        /// <summary>The document's title heading: never a question, whatever number it starts with.</summary>
        public bool IsTitle { get; private set; }

        /// <summary>A numbered heading inside a question's answer: part of that answer.</summary>
        public bool IsSubPoint { get; set; }

        public void MakeTitle()
        {
            IsTitle = true;
            Number = null;
        }
    }
}
