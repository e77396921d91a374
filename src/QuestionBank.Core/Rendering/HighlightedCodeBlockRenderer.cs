using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace QuestionBank.Core.Rendering;

/// <summary>Renders code blocks as <c>&lt;pre class="code"&gt;&lt;code …&gt;</c> with highlighted tokens.</summary>
internal sealed class HighlightedCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock obj)
    {
        renderer.EnsureLine();
        if (!renderer.EnableHtmlForBlock)
        {
            // Plain-text rendering (Markdown.ToPlainText): just the code.
            renderer.WriteLeafRawLines(obj, true, renderer.EnableHtmlEscape);
            renderer.EnsureLine();
            return;
        }

        // The fenced block parser already put class="language-…" on the block's attributes.
        renderer.Write("<pre class=\"code\"><code").WriteAttributes(obj).Write('>');
        var code = obj.Lines.ToString();
        var language = obj is FencedCodeBlock fenced ? LanguageDefinition.Find(fenced.Info) : null;
        if (language is null)
        {
            renderer.WriteEscape(code);
        }
        else
        {
            CodeHighlighter.Write(renderer, code, language);
        }

        if (obj.Lines.Count > 0)
        {
            renderer.WriteLine();
        }

        renderer.WriteLine("</code></pre>");
        renderer.EnsureLine();
    }
}
