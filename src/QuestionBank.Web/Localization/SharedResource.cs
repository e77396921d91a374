namespace QuestionBank.Web.Localization;

/// <summary>
/// The UI's words: SharedResource.en.resx and SharedResource.zh-CN.resx, keyed by the English text.
/// Pages reach them as <c>T[key]</c> (_ViewImports); content (questions, answers, titles) stays as written.
/// </summary>
public sealed class SharedResource;
