using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using QuestionBank.Contracts;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Learning;
using QuestionBank.Web.Localization;
using QuestionBank.Web.Pages;

namespace QuestionBank.Web.Tests.Localization;

/// <summary>
/// The UI speaks one language at a time: English or Chinese (zh-CN) from Accept-Language or the header's
/// switch, every word from the resources, which hold every key in both languages.
/// </summary>
public sealed partial class LocalizationTests(SeededApp app) : SharedAppTestBase(app)
{
    private static readonly string WebProject = Path.Combine(QuestionBankApp.RepoRoot, "src", "QuestionBank.Web");

    // Pages without content of the bank's own: every word on them is the UI's.
    private static readonly string[] UiOnlyPages = ["/account/login", "/account/signup", "/no-such-page"];

    private static Dictionary<string, string> Resource(string culture) =>
        XDocument.Load(Path.Combine(WebProject, "Localization", $"SharedResource.{culture}.resx")).Root!.Elements("data")
            .ToDictionary(data => data.Attribute("name")!.Value, data => data.Element("value")!.Value);

    [Fact]
    public void BothLanguagesHaveTheSameKeysAndNoEmptyText()
    {
        var english = Resource("en");
        var chinese = Resource("zh-CN");

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.All(english.Values.Concat(chinese.Values), value => Assert.False(string.IsNullOrWhiteSpace(value)));
        // Chinese text is Chinese: a value equal to its English (a forgotten translation) is a word both share.
        string[] shared = ["Markdown"];
        Assert.Empty(chinese.Where(pair => pair.Value == english[pair.Key] && !shared.Contains(pair.Key)).Select(pair => pair.Key));
    }

    [Fact]
    public void EveryKeyThePagesAndScriptsAskForIsInBothLanguages()
    {
        var used = Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(path => (path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => LocalizerKey().Matches(File.ReadAllText(path)).Select(match => Regex.Unescape(match.Groups["key"].Value)))
            .Concat(ClientText.Keys)
            .Concat(Enum.GetValues<CardState>().Select(state => "Card." + state))
            .Concat(Enum.GetValues<Rating>().Select(rating => rating.ToString()))
            .Concat(RunMessages.All.Select(message => message.Key))
            .Concat(ImportMessages.All.Select(message => message.Key))
            .Concat(new[] { "queued", "running", "succeeded", "failed", "compile_error", "timeout", "memory_limit", "cancelled" }
                .SelectMany(status => new[] { RunFormatting.OutcomeKey(status, false, false), RunFormatting.OutcomeKey(status, true, false), RunFormatting.OutcomeKey(status, true, true) }))
            .ToHashSet();

        Assert.True(used.Count > 100, $"only {used.Count} keys found: the pattern no longer matches the pages");
        foreach (var culture in new[] { "en", "zh-CN" })
        {
            var resource = Resource(culture);
            Assert.Empty(used.Where(key => !resource.ContainsKey(key)).Select(key => $"{culture}: {key}"));
        }
    }

    public static TheoryData<string> MessageLists => ["run", "import"];

    [Theory]
    [MemberData(nameof(MessageLists))]
    public void EveryKeyedMessageReadsInEnglishAsTheCodeWritesItAndInChineseWithTheSameArguments(string list)
    {
        // The worker and the importer write the English beside the key (for logs, the CLI and older clients): the resource must say the same.
        var templates = list == "run"
            ? RunMessages.All.Select(message => (message.Key, message.English)).ToList()
            : ImportMessages.All.Select(message => (message.Key, message.English)).ToList();
        var english = Resource("en");
        var chinese = Resource("zh-CN");

        Assert.Empty(templates.Where(message => english.GetValueOrDefault(message.Key) != message.English).Select(message => message.Key));
        Assert.Empty(templates.Where(message => !Placeholders().Matches(chinese.GetValueOrDefault(message.Key) ?? "").Select(match => match.Value).ToHashSet()
                .SetEquals(Placeholders().Matches(message.English).Select(match => match.Value)))
            .Select(message => message.Key));
        Assert.Equal(templates.Count, templates.Select(message => message.Key).Distinct().Count());
    }

    [Fact]
    public void EveryWordTheScriptsShowIsSentWithThePage()
    {
        // t("…") in the scripts, and the run statuses' words they pass to t(): a word missing from ClientText.Keys shows in English.
        var scripts = Directory.EnumerateFiles(Path.Combine(WebProject, "ClientApp", "src"), "*.js").Select(File.ReadAllText).ToList();
        var words = scripts.SelectMany(script => ScriptWord().Matches(script).Select(match => Regex.Unescape(match.Groups["key"].Value)))
            .Concat(scripts.SelectMany(script => StatusTexts().Matches(script))
                .SelectMany(block => QuotedValue().Matches(block.Value).Select(match => match.Groups["value"].Value)))
            .ToHashSet();

        Assert.True(words.Count > 20, $"only {words.Count} words found: the pattern no longer matches the scripts");
        Assert.Empty(words.Except(ClientText.Keys));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US,en;q=0.9")]
    [InlineData("fr-FR")]
    public async Task AnEnglishOrUnknownLanguageSeesEnglishOnly(string acceptLanguage)
    {
        foreach (var path in UiOnlyPages)
        {
            var html = await GetAsync(path, acceptLanguage);
            Assert.Contains("<html lang=\"en\">", html);
            // The switch names the other language in itself (lang="zh-CN"): the one Chinese on the page.
            var text = VisibleText(WithoutOtherLanguage(html));
            Assert.DoesNotMatch(HanCharacter(), text);
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8")]
    [InlineData("zh")]
    [InlineData("zh-TW")]
    public async Task AChineseLanguageSeesChineseOnly(string acceptLanguage)
    {
        foreach (var path in UiOnlyPages)
        {
            var html = await GetAsync(path, acceptLanguage);
            Assert.Contains("<html lang=\"zh-CN\">", html);
            // The brand is a name; the switch names English in English.
            var text = VisibleText(WithoutOtherLanguage(html)).Replace("QuestionBank", "", StringComparison.Ordinal);
            Assert.DoesNotMatch(LatinWord(), text);
            Assert.Contains("登录", text);
        }
    }

    [Fact]
    public async Task ALearnersOwnPagesSpeakOneLanguage()
    {
        // A new learner's pages hold no content of the bank's own: every word is the UI's (the address is theirs).
        var email = LearnerSession.NewEmail();
        using var learner = await App.SignUpLearnerAsync(email);
        foreach (var path in new[] { "/me/bookmarks", "/me/notes", "/me/runs", "/account", "/no-such-page" })
        {
            var english = VisibleText(WithoutOtherLanguage(await GetAsync(learner, path, "en")));
            var chinese = VisibleText(WithoutOtherLanguage(await GetAsync(learner, path, "zh-CN"))).Replace(email, "", StringComparison.Ordinal);

            Assert.Empty(HanCharacter().Matches(english).Select(match => $"{path}: {match.Value}"));
            Assert.Empty(LatinWord().Matches(chinese.Replace("QuestionBank", "", StringComparison.Ordinal)).Select(match => $"{path}: {match.Value}"));
        }
    }

    [Fact]
    public async Task ContentStaysAsWrittenInEitherLanguage()
    {
        var english = await GetAsync("/", "en");
        var chinese = await GetAsync("/", "zh-CN");

        Assert.Contains("AI 大模型应用最佳实践", english);
        Assert.Contains("AI 大模型应用最佳实践", chinese);
        Assert.Contains("85 questions in 5 documents", english);
        Assert.Contains("共 5 个文档、85 道题", chinese);
    }

    [Fact]
    public async Task TheHeaderSwitchRemembersTheLanguageInACookieAndComesBack()
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var switched = await client.SwitchLanguageAsync("zh-CN", "/account/login?returnUrl=/me");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/account/login?returnUrl=/me", switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"));
        Assert.Contains("c%3Dzh-CN%7Cuic%3Dzh-CN", cookie);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie wins over the browser's Accept-Language.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        request.Headers.Add("Accept-Language", "en");
        var page = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", page);

        Assert.Equal("/", (await client.SwitchLanguageAsync("en", "//evil.example/")).Headers.Location!.OriginalString);
        Assert.Equal("/", (await client.SwitchLanguageAsync("en", "https://evil.example/")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SwitchLanguageAsync("xx")).StatusCode);
    }

    [Fact]
    public async Task TheSwitchChangesTheLanguageOnlyByAPostWithItsAntiforgeryToken()
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // A link (GET) changes no setting, and another site's form (no token) is refused.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync("/language?culture=zh-CN")).StatusCode);
        using var forged = await client.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "zh-CN" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(cookie => cookie.Contains("Culture", StringComparison.Ordinal)));

        // The header holds the form: the other language's button, this page to come back to, and the token.
        var page = await GetAsync(client, "/exercises?x=1", "en");
        var form = Assert.Single(HtmlMarkup.Tags(page), tag => tag.Name == "form" && tag.Attributes.GetValueOrDefault("action") == "/language");
        Assert.Equal("post", form.Attributes["method"]);
        var tags = HtmlMarkup.Tags(page);
        var button = Assert.Single(tags, tag => tag.Name == "button" && tag.Attributes.GetValueOrDefault("name") == "culture");
        Assert.Equal(("submit", "zh-CN", "zh-CN"), (button.Attributes["type"], button.Attributes["value"], button.Attributes["lang"]));
        Assert.Contains(tags, tag => tag.Name == "input" && tag.Attributes.GetValueOrDefault("name") == "returnUrl" && tag.Attributes["value"] == "/exercises?x=1");
        Assert.Contains(tags, tag => tag.Name == "input" && tag.Attributes.GetValueOrDefault("name") == "__RequestVerificationToken");
    }

    [Fact]
    public async Task ASignedInLearnersChosenLanguageWinsOnAnyDeviceTheySignInFromAndTheCookieDecidesSignedOut()
    {
        var email = LearnerSession.NewEmail();
        using var laptop = await App.SignUpLearnerAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.SwitchLanguageAsync("zh-CN", "/me")).StatusCode);

        // Another device, whose browser asks for English and has no culture cookie: the learner's settings win.
        using var phone = await App.SignInLearnerAsync(email);
        Assert.Contains("<html lang=\"zh-CN\">", await GetAsync(phone, "/me", "en"));
        Assert.Contains("<html lang=\"zh-CN\">", await GetAsync(phone, "/no-such-page", "en"));

        // English chosen on the phone is the laptop's language too, over the laptop's own cookie (zh-CN) and Accept-Language.
        Assert.Equal(HttpStatusCode.Redirect, (await phone.SwitchLanguageAsync("en")).StatusCode);
        Assert.Contains("<html lang=\"en\">", await GetAsync(laptop, "/me", "zh-CN"));

        // Signed out, the laptop's cookie decides again, then Accept-Language.
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.PostWithTokenAsync("/api/account/logout")).StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", await GetAsync(laptop, "/account/login", "en"));
        using var stranger = App.CreateBrowserLikeClient();
        Assert.Contains("<html lang=\"zh-CN\">", await GetAsync(stranger, "/account/login", "zh-CN"));
        Assert.Contains("<html lang=\"en\">", await GetAsync(stranger, "/account/login", "en"));
    }

    [Fact]
    public async Task ALearnerChoosesTheLanguageInTheirSettingsAndItWinsOverTheBrowsers()
    {
        var email = LearnerSession.NewEmail();
        using var learner = await App.SignUpLearnerAsync(email);
        var form = await GetAsync(learner, "/me/settings", "en");
        var options = HtmlMarkup.Tags(form).Where(tag => tag.Name == "option" && tag.Attributes.ContainsKey("lang")).ToList();
        Assert.Equal(["en", "zh-CN"], options.Select(option => option.Attributes["value"]));
        Assert.True(options[0].Attributes.ContainsKey("selected"), "the page's own language is the one selected");

        var saved = await learner.PostFormAsync("/me/settings", new()
        {
            ["allDocuments"] = "true",
            ["timeZone"] = "UTC",
            ["language"] = "zh-CN",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var chinese = await GetAsync(learner, "/me/settings", "en");
        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("设置已保存", chinese);
        Assert.True(HtmlMarkup.Tags(chinese).Single(tag => tag.Name == "option" && tag.Attributes.GetValueOrDefault("value") == "zh-CN").Attributes.ContainsKey("selected"));
        // Another device, signed in, whose browser asks for English: the stored language wins.
        using var phone = await App.SignInLearnerAsync(email);
        Assert.Contains("<html lang=\"zh-CN\">", await GetAsync(phone, "/me", "en"));

        var refused = await learner.PostFormAsync("/me/settings", new() { ["allDocuments"] = "true", ["timeZone"] = "UTC", ["language"] = "xx" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请从列表中选择一种语言。", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARefusedRunSaysWhyInTheLearnersLanguage()
    {
        // The exercise panel shows a refusal's title and messages as the API sends them.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs")
        {
            Content = JsonContent.Create(new { exercise = "cnn", source = new string('x', 65 * 1024) }),
        };
        request.Headers.Add("Accept-Language", "zh-CN");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("有输入未通过检查。", problem.GetProperty("title").GetString());
        Assert.Equal("源代码最多 64 KB。", problem.GetProperty("errors").GetProperty("source")[0].GetString());
    }

    [Fact]
    public async Task DatesFollowTheCulture()
    {
        using var learner = await App.SignUpNewLearnerAsync();

        var english = await GetAsync(learner, "/me", "en");
        var chinese = await GetAsync(learner, "/me", "zh-CN");

        // The heatmap's days: month/day/year in English, year/month/day in Chinese; weekdays in the page's language.
        Assert.Matches(@"<title>\d{1,2}/\d{1,2}/\d{4}: 0 reviews</title>", english);
        Assert.Matches(@"<title>\d{4}/\d{1,2}/\d{1,2}: 0 次复习</title>", chinese);
        Assert.Contains(">Mon</text>", english);
        Assert.Contains(">周一</text>", chinese);
    }

    private Task<string> GetAsync(string path, string acceptLanguage) => GetAsync(Client, path, acceptLanguage);

    private static async Task<string> GetAsync(HttpClient client, string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static string WithoutOtherLanguage(string html) => OtherLanguageLink().Replace(html, "");

    // What a reader sees: the body's text, no scripts (the script data block holds the scripts' words) and no attribute values.
    private static string VisibleText(string html)
    {
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        return HtmlMarkup.Text(ScriptElement().Replace(body, ""));
    }

    [GeneratedRegex("""<button class="language"[^>]*>[^<]*</button>""")]
    private static partial Regex OtherLanguageLink();

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    // t("…"): the scripts' words (text.js), not element("…") or select("…").
    [GeneratedRegex("""(?<![\w.$])t\("(?<key>(?:[^"\\]|\\.)*)"(?=\s*[,)])""")]
    private static partial Regex ScriptWord();

    [GeneratedRegex(@"STATUS_TEXT = \{[^}]*\}")]
    private static partial Regex StatusTexts();

    [GeneratedRegex(""": "(?<value>[^"]*)",""")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholders();

    // T["…"], text["…"] and Text["…"] with a literal key (a key built from parts is listed above).
    [GeneratedRegex("""\b(?:T|text|Text)\["(?<key>(?:[^"\\]|\\.)*)"(?=\s*[\],])""")]
    private static partial Regex LocalizerKey();
}
