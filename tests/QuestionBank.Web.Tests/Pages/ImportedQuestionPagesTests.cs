using System.Text;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>
/// Pages of documents a test imports: each test imports a document of its own and reads only its pages, so the tests share one app.
/// </summary>
public sealed class ImportedQuestionPagesTests(SeededApp app) : SharedAppTestBase(app)
{
    /// <summary>Imports a document of one question and returns that question's page and the HTML the API gives for it.</summary>
    private async Task<(string Page, string ApiHtml)> ImportAndOpenItsQuestionAsync(string name, string markdown)
    {
        await App.ImportAsync(new ImportFile(name + ".md", Encoding.UTF8.GetBytes(markdown)));
        var slug = name + "-1-1";

        var page = await Client.GetStringAsync($"/questions/{slug}");
        var api = await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{slug}");
        return (page, api.GetProperty("html").GetString()!);
    }

    [Fact]
    public async Task TheTextOutsideTheQuestionsIsOnTheDocumentsPageLinkedFromEachQuestion()
    {
        await App.ImportAsync(new ImportFile("zebra/README.md", Encoding.UTF8.GetBytes("""
            # 第一章 斑马

            本章介绍斑马，向量$X$的第一个元素是$X_1$。

            ## 1.1 斑马基础

            | 名称 | 说明 |
            |---|---|
            | 斑马 | 有条纹的马 |

            ### 1.1.1 什么是斑马？

            斑马答案正文。

            ## 参考文献

            1. 斑马之书

            ---

            作者：斑马社区
            """)));
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/questions?document=zebra-readme");
        var slug = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString()!;

        var question = await Client.GetStringAsync($"/questions/{slug}");
        var document = await Client.GetStringAsync("/documents/zebra-readme");

        Assert.Contains("href=\"/documents/zebra-readme\"", question);
        Assert.DoesNotContain("作者：斑马社区", question);
        string[] shown = ["本章介绍斑马", "<span class=\"math\">\\(X_1\\)</span>", "<td>有条纹的马</td>", "斑马之书", "作者：斑马社区", $"href=\"/questions/{slug}\"", "math.js"];
        Assert.All(shown, text => Assert.Contains(text, document));
        Assert.DoesNotContain("斑马答案正文", document);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/documents/no-such-document")).StatusCode);
    }

    [Fact]
    public async Task ScriptInADocumentNeverReachesThePage()
    {
        const string markdown = """
            # 《安全测试》

            ## 1. 这个问题带脚本吗？<script>alert('title')</script>

            **答案：** <script>alert('xss')</script> 文本 <img src=x onerror=alert(1)>

            <div onclick="alert(2)">raw html block</div>

            ```python
            print("<script>alert(3)</script>")
            ```
            """;
        var (html, api) = await ImportAndOpenItsQuestionAsync("xss-test", markdown);

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<div onclick", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>alert", api);
    }

    [Fact]
    public async Task LinksToJavascriptAndOtherHostileAddressesInAnImportedDocumentAreInertOnItsQuestionPage()
    {
        const string markdown = """
            # 《链接测试》

            ## 1. 这个问题带危险链接吗？

            **答案：** [点我](javascript:alert(1)) 和 [大小写](JaVaScRiPt:alert(2)) 和 [制表符](java&#x09;script:alert(3))
            和 [引用][evil] 和 <javascript:alert(5)> 和 ![图片](data:image/svg+xml,%3Csvg%20onload=alert(6)%3E)
            和 [属性](https://example.com/ok){onclick="alert(7)"} 和 [正常链接](https://example.com/docs)。

            [evil]: vbscript:msgbox(4)
            """;
        var (html, api) = await ImportAndOpenItsQuestionAsync("link-test", markdown);

        foreach (var page in new[] { html, api })
        {
            Assert.Empty(HtmlMarkup.JavascriptUrls(page));
            Assert.Empty(HtmlMarkup.EventHandlerAttributes(page));
            Assert.DoesNotContain("vbscript:", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data:image", page, StringComparison.Ordinal);
            Assert.Contains("点我 和 大小写 和 制表符", page);
            Assert.Contains("引用 和 javascript:alert(5) 和 图片", page);
            Assert.Contains("<a href=\"https://example.com/ok\">属性</a>", page);
            Assert.Contains("<a href=\"https://example.com/docs\">正常链接</a>", page);
        }
    }
}
