using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Data;
using QuestionBank.Data.Entities;

namespace QuestionBank.Web.Tests.Runs;

/// <summary>What a visitor submitted (a source, and what it printed and reported) is shown as text on the run's page, never as markup.</summary>
public sealed partial class RunPageTests(SeededApp app) : SharedAppTestBase(app)
{
    /// <summary>A source that, read as markdown or HTML, would end the code fence and put a link, a script and an image on the page.</summary>
    public const string HostileSource = """
        // Ends the code fence the page once wrapped sources in:
        ````
        [x](javascript:alert(1))
        <script>alert(1)</script>
        <img src=x onerror=alert(1)>
        ````
        public class Solution
        {
            public void Run(ExerciseContext ctx) { }
        }
        """;

    [Fact]
    public async Task ARunsSourceWithMarkupIsShownAsTextOnItsPage()
    {
        var submitted = await Client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", source = HostileSource });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var html = await Client.GetStringAsync($"/runs/{id}");

        AssertNoMarkupFromTheVisitor(html);
        var source = SourceBlock().Match(html);
        Assert.True(source.Success, "The page has no highlighted source block.");
        Assert.Equal(HostileSource + "\n", HtmlMarkup.Text(source.Value));
        Assert.Contains("&lt;script&gt;<span class=\"tok-fn\">alert</span>", html);
    }

    [Fact]
    public async Task ARunsOutputDiagnosticsCompileErrorsMetricsAndImageNamesAreShownAsText()
    {
        var id = Guid.NewGuid();
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            db.Runs.Add(new ExerciseRun
            {
                Id = id,
                Exercise = "cnn",
                Source = HostileSource,
                Device = "cpu",
                Epochs = 1,
                LearningRate = 0.001,
                BatchSize = 64,
                Seed = 1,
                Status = "failed",
                Message = "<script>alert('message')</script>",
                CompileErrors = [new CompileError(3, 1, "CS1525<b>", "[x](javascript:alert('compile')) <img src=x onerror=alert('compile')>")],
                Output = "````\n[x](javascript:alert('output'))\n<script>alert('output')</script>\n",
                Metrics = new Dictionary<string, double> { ["<img src=x onerror=alert('metric')>"] = 1 },
                CreatedAt = DateTimeOffset.UtcNow,
                FinishedAt = DateTimeOffset.UtcNow,
                Images = [new RunImage { Name = "\"><img src=x onerror=alert('image')>", Png = [0x89, 0x50, 0x4E, 0x47] }],
            });
            return await db.SaveChangesAsync();
        });

        var html = await Client.GetStringAsync($"/runs/{id}");

        AssertNoMarkupFromTheVisitor(html);
        Assert.Contains("&lt;script&gt;alert(&#x27;message&#x27;)&lt;/script&gt;", html);
        Assert.Contains("[x](javascript:alert(&#x27;compile&#x27;)) &lt;img src=x onerror=alert(&#x27;compile&#x27;)&gt;", html);
        Assert.Contains("[x](javascript:alert(&#x27;output&#x27;))&#xA;&lt;script&gt;alert(&#x27;output&#x27;)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(&#x27;metric&#x27;)&gt;", html);
        var image = Assert.Single(HtmlMarkup.Tags(html), tag => tag.Name == "img");
        Assert.Equal("\"><img src=x onerror=alert('image')>", image.Attributes["alt"]);
        Assert.StartsWith($"/api/runs/{id}/images/", image.Attributes["src"], StringComparison.Ordinal);
    }

    private static void AssertNoMarkupFromTheVisitor(string html)
    {
        Assert.Empty(HtmlMarkup.JavascriptUrls(html));
        Assert.Empty(HtmlMarkup.InlineScripts(html));
        Assert.Empty(HtmlMarkup.EventHandlerAttributes(html));
        Assert.DoesNotContain(HtmlMarkup.Tags(html), tag => tag.Name == "img" && !tag.Attributes["src"].StartsWith("/api/runs/", StringComparison.Ordinal));
        Assert.DoesNotContain(HtmlMarkup.Tags(html), tag => tag.Name == "a" && tag.Attributes.GetValueOrDefault("href", "").Contains("alert", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [GeneratedRegex("""<pre class="code"><code class="language-csharp">.*?</code></pre>""", RegexOptions.Singleline)]
    private static partial Regex SourceBlock();
}
