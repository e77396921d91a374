using Markdig;

namespace QuestionBank.Core.Rendering;

/// <summary>Builds the one markdown pipeline the application shares for parsing and rendering.</summary>
public static class MarkdownPipelineFactory
{
    /// <summary>
    /// Creates the shared pipeline: Markdig's advanced extensions (pipe tables, task lists, …),
    /// raw HTML disabled (it comes out as escaped text), links and images only to http, https,
    /// mailto and relative addresses, no event-handler or style attributes (<see cref="SafeMarkupExtension"/>),
    /// lazy-loaded images (<see cref="ImageExtension"/>) and highlighted fenced code blocks.
    /// </summary>
    /// <returns>A pipeline that is safe to share between threads.</returns>
    public static MarkdownPipeline Create() =>
        new MarkdownPipelineBuilder()
            .UseAdvancedExtensions()
            .DisableHtml()
            .Use<SafeMarkupExtension>()
            .Use<ImageExtension>()
            .Use<CodeHighlightingExtension>()
            .Build();
}
