using System.Reflection;

namespace QuestionBank.Core.Documents;

/// <summary>
/// Every refusal and warning the importer writes about an upload. The web app shows each in the reader's
/// language from its resources under the same key (a test holds the resources to this list, and their
/// English to these words); the CLI shows the English.
/// </summary>
public static class ImportMessages
{
#pragma warning disable CS1591 // Each template's English is its documentation.
    // A markdown file that cannot be a document (MarkdownDocumentParser).
    public static readonly ImportMessageTemplate Empty = new("Import.Empty", "the file is empty.");
    public static readonly ImportMessageTemplate NoQuestions = new("Import.NoQuestions",
        "no questions found: a question is a numbered heading such as '## 1. 问题'.");
    public static readonly ImportMessageTemplate NotUtf8 = new("Import.NotUtf8", "the file is not UTF-8 text (save it as UTF-8 and import it again).");
    public static readonly ImportMessageTemplate UnclosedFence = new("Import.UnclosedFence", "a code fence opened here is never closed.");
    public static readonly ImportMessageTemplate PathTooLong = new("Import.PathTooLong",
        "the file's path is too long to be the document's address: at most {0} letters and digits (rename the file or its folders).");
    public static readonly ImportMessageTemplate HeadingNumberTooLong = new("Import.HeadingNumberTooLong",
        "the heading number is too long to be part of the question's address (at most {0} characters with the file name).");

    // What a document's author should look at (DocumentReview, ExerciseAssignments): {0} and {1} are the question's number and title.
    public static readonly ImportMessageTemplate NoAnswer = new("Import.NoAnswer", "Question {0} “{1}” has no answer.");
    public static readonly ImportMessageTemplate SameTitle = new("Import.SameTitle", "Question {0} “{1}” has the same title as question {2} (line {3}).");
    public static readonly ImportMessageTemplate EmptyCodeBlock = new("Import.EmptyCodeBlock", "Question {0} “{1}” has an empty code block.");
    public static readonly ImportMessageTemplate EmptyCodeBlocks = new("Import.EmptyCodeBlocks", "Question {0} “{1}” has {2} empty code blocks.");
    public static readonly ImportMessageTemplate ExerciseUnnamed = new("Import.ExerciseUnnamed",
        "Question {0} “{1}” has an exercise block that names no exercise; write one of {2}.");
    public static readonly ImportMessageTemplate ExerciseUnknown = new("Import.ExerciseUnknown",
        "Question {0} “{1}” names the exercise “{2}”, which does not exist; it gets no exercise from it (use one of {3}).");
    public static readonly ImportMessageTemplate ExerciseTwice = new("Import.ExerciseTwice", "Question {0} “{1}” declares more than one exercise; only the first counts.");

    // Images (UploadedImages, ImageFormat).
    public static readonly ImportMessageTemplate ImagePathTooLong = new("Import.ImagePathTooLong",
        "An image path is longer than {0} characters; the page shows its alt text instead.");
    public static readonly ImportMessageTemplate ImageMislabelled = new("Import.ImageMislabelled",
        "The image “{0}” is a {1} file, not what its extension says; it is stored and shown as {1}.");
    public static readonly ImportMessageTemplate ImageMissing = new("Import.ImageMissing",
        "The image “{0}” is not in the upload; the page shows its alt text instead.");
    public static readonly ImportMessageTemplate ImageOnAuthorsDisk = new("Import.ImageOnAuthorsDisk",
        "The image “{0}” is a path on the author's disk, which no reader can load; the page shows its alt text instead.");
    public static readonly ImportMessageTemplate NotAnImage = new("Import.NotAnImage", "it is not a png, jpeg, gif, webp, bmp or svg image");
    public static readonly ImportMessageTemplate ImageTooLarge = new("Import.ImageTooLarge", "the image is {0} MB; images over {1} MB are not accepted");
    public static readonly ImportMessageTemplate ImageNotItsFormat = new("Import.ImageNotItsFormat",
        "the file is not the {0} image its name claims, nor any other image");

    // The glossary (GlossaryParser).
    public static readonly ImportMessageTemplate GlossaryNotUtf8 = new("Import.GlossaryNotUtf8", "it is not UTF-8 text");
    public static readonly ImportMessageTemplate GlossaryNoTable = new("Import.GlossaryNoTable", "it has no table of terms (中文 | English | variants)");
    public static readonly ImportMessageTemplate GlossaryTermIncomplete = new("Import.GlossaryTermIncomplete", "a term needs its Chinese and its English form");
    public static readonly ImportMessageTemplate GlossaryTermTwice = new("Import.GlossaryTermTwice", "{0} is listed twice");

    // The upload as a whole (DocumentImporter, ImportUploads).
    public static readonly ImportMessageTemplate NotImportable = new("Import.NotImportable",
        "only markdown files (.md), png, jpeg, gif, webp or svg images, or a .zip of them can be imported");
    public static readonly ImportMessageTemplate FileTooLarge = new("Import.FileTooLarge", "it is {0} MB; files over {1} MB are not accepted");
    public static readonly ImportMessageTemplate SameDocument = new("Import.SameDocument",
        "it is the same document as {0} (their paths differ only in punctuation or case); rename one of them");

    // Zip archives (ImportArchive).
    public static readonly ImportMessageTemplate ArchiveTooManyEntries = new("Import.ArchiveTooManyEntries",
        "it holds {0} entries; archives of over {1} are not accepted");
    public static readonly ImportMessageTemplate ArchivePathLeaves = new("Import.ArchivePathLeaves",
        "the path leaves the archive (.. or an absolute path); the archive is refused");
    public static readonly ImportMessageTemplate NotAZip = new("Import.NotAZip", "it is not a zip archive");
    public static readonly ImportMessageTemplate ArchiveEntryDamaged = new("Import.ArchiveEntryDamaged",
        "the entry is damaged or packed in a way that cannot be read");
    public static readonly ImportMessageTemplate ArchiveTooBig = new("Import.ArchiveTooBig",
        "it unpacks to over {0} MB (a zip bomb?); the archive is refused");
    public static readonly ImportMessageTemplate ArchiveRatio = new("Import.ArchiveRatio",
        "it unpacks to over {0} times its size (a zip bomb?); the archive is refused");

    // Rollbacks (DocumentImporter.RollbackAsync).
    public static readonly ImportMessageTemplate AlreadyRolledBack = new("Import.AlreadyRolledBack", "Import {0} was already rolled back by {1} at {2}.");
    public static readonly ImportMessageTemplate RollbackPruned = new("Import.RollbackPruned",
        "Import {0} is older than the import history kept for rollback: its previous versions were dropped at {1}.");
    public static readonly ImportMessageTemplate ChangedLater = new("Import.ChangedLater", "{0} was changed by a later import; roll that import back first.");

#pragma warning restore CS1591

    /// <summary>Every template above.</summary>
    public static IReadOnlyList<ImportMessageTemplate> All { get; } =
        [.. typeof(ImportMessages).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => field.GetValue(null)).OfType<ImportMessageTemplate>()];
}
