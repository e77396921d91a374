using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Learning;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Exports;

namespace QuestionBank.Web.Exports;

/// <summary>
/// Writes a deck as an Anki package: a zip of <c>collection.anki2</c> (SQLite in Anki's schema 11,
/// which every Anki since 2.1 imports) and an empty <c>media</c> map. One "Basic" note per question:
/// the front is the title (with the prompt, if the question has one), the back the rendered answer,
/// through the site's safe markdown pipeline. The tables and the JSON of <c>col</c> follow
/// ankitects/anki rslib/src/storage/schema11.sql and genanki (genanki/apkg_schema.py,
/// genanki/apkg_col.py, genanki/model.py). A question the learner has a card of carries that card's
/// review state and log (see <see cref="RowOf"/>); the others are new, in bank order. The note type
/// styles highlighted code with the site's own code.css.
/// </summary>
public sealed class AnkiDeckWriter(MarkdownRenderer renderer, FsrsScheduler scheduler, IWebHostEnvironment environment, TimeProvider clock)
{
    private const string Schema = """
        CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
            ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
            models text not null, decks text not null, dconf text not null, tags text not null);
        CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
            usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
            flags integer not null, data text not null);
        CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
            mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
            ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
            odue integer not null, odid integer not null, flags integer not null, data text not null);
        CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
            ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
        CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
        CREATE INDEX ix_notes_usn ON notes (usn);
        CREATE INDEX ix_cards_usn ON cards (usn);
        CREATE INDEX ix_revlog_usn ON revlog (usn);
        CREATE INDEX ix_cards_nid ON cards (nid);
        CREATE INDEX ix_cards_sched ON cards (did, queue, due);
        CREATE INDEX ix_revlog_cid ON revlog (cid);
        CREATE INDEX ix_notes_csum ON notes (csum);
        """;

    /// <summary>Anki separates a note's fields with the unit separator.</summary>
    private const char FieldSeparator = '\u001f';

    private const long ModelId = 1_607_392_319_000;

    private const long OptionsId = 1;

    private readonly Lazy<string> codeCss = new(() =>
    {
        using var reader = new StreamReader(environment.WebRootFileProvider.GetFileInfo("css/code.css").CreateReadStream());
        return reader.ReadToEnd();
    });

    public async Task<byte[]> WriteAsync(Deck deck, IReadOnlyList<ExportedCard> cards, CancellationToken cancellationToken)
    {
        var learned = cards.ToDictionary(card => card.Slug, StringComparer.Ordinal);
        // The collection's day 0 (review cards' due days count from it): the learner's first card, or today.
        var now = clock.GetUtcNow();
        var created = new DateTimeOffset(cards.Select(c => c.CreatedAt.UtcDateTime.Date).Append(now.UtcDateTime.Date).Min(), TimeSpan.Zero);
        var path = Path.Combine(Path.GetTempPath(), $"qb-deck-{Guid.NewGuid():N}.anki2");
        try
        {
            // Not pooled, so the file is closed (and can be zipped and deleted) when the connection is.
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(transaction, Schema, [], cancellationToken);
                await WriteCollectionAsync(transaction, deck, created, cancellationToken);
                await WriteNotesAsync(transaction, deck, learned, created, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                await archive.CreateEntryFromFileAsync(path, "collection.anki2", CompressionLevel.Optimal, cancellationToken);
                var media = archive.CreateEntry("media");
                await using var stream = await media.OpenAsync(cancellationToken);
                await stream.WriteAsync("{}"u8.ToArray(), cancellationToken);
            }
            return zip.ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A stable id from a name, so importing a newer export of the same deck updates it rather than adding a second.</summary>
    public static long StableId(string name) =>
        (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name))) % 1_000_000_000_000) + 1_000_000_000_000;

    private async Task WriteCollectionAsync(SqliteTransaction transaction, Deck deck, DateTimeOffset created, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var deckId = StableId(deck.Name);
        var conf = new JsonObject
        {
            ["activeDecks"] = new JsonArray(deckId), ["curDeck"] = deckId, ["curModel"] = ModelId.ToString(CultureInfo.InvariantCulture),
            ["addToCur"] = true, ["collapseTime"] = 1200, ["dueCounts"] = true, ["estTimes"] = true, ["newBury"] = true,
            ["newSpread"] = 0, ["nextPos"] = deck.Questions.Count + 1, ["sortBackwards"] = false, ["sortType"] = "noteFld", ["timeLim"] = 0,
        };
        var models = new JsonObject { [ModelId.ToString(CultureInfo.InvariantCulture)] = BasicModel(deckId, seconds, codeCss.Value) };
        var decks = new JsonObject { ["1"] = DeckJson(1, "Default", seconds), [deckId.ToString(CultureInfo.InvariantCulture)] = DeckJson(deckId, deck.Name, seconds) };
        var dconf = new JsonObject
        {
            [OptionsId.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["id"] = OptionsId, ["name"] = "Default", ["mod"] = 0, ["usn"] = 0, ["maxTaken"] = 60, ["autoplay"] = true, ["timer"] = 0, ["replayq"] = true,
                ["new"] = new JsonObject { ["bury"] = true, ["delays"] = new JsonArray(1, 10), ["initialFactor"] = 2500, ["ints"] = new JsonArray(1, 4, 7), ["order"] = 1, ["perDay"] = 20, ["separate"] = true },
                ["lapse"] = new JsonObject { ["delays"] = new JsonArray(10), ["leechAction"] = 1, ["leechFails"] = 8, ["minInt"] = 1, ["mult"] = 0 },
                ["rev"] = new JsonObject { ["bury"] = true, ["ease4"] = 1.3, ["fuzz"] = 0.05, ["ivlFct"] = 1, ["maxIvl"] = 36500, ["minSpace"] = 1, ["perDay"] = 200 },
            },
        };
        await ExecuteAsync(transaction,
            "INSERT INTO col VALUES (1, $crt, $mod, $mod, 11, 0, 0, 0, $conf, $models, $decks, $dconf, '{}')",
            [("$crt", created.ToUnixTimeSeconds()), ("$mod", now.ToUnixTimeMilliseconds()),
             ("$conf", conf.ToJsonString()), ("$models", models.ToJsonString()), ("$decks", decks.ToJsonString()), ("$dconf", dconf.ToJsonString())],
            cancellationToken);
    }

    private async Task WriteNotesAsync(
        SqliteTransaction transaction, Deck deck, Dictionary<string, ExportedCard> learned, DateTimeOffset created, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deckId = StableId(deck.Name);
        var baseId = now.ToUnixTimeMilliseconds();
        var lastReviewId = 0L;
        for (var i = 0; i < deck.Questions.Count; i++)
        {
            var question = deck.Questions[i];
            var (front, back) = Fields(question);
            await ExecuteAsync(transaction,
                "INSERT INTO notes VALUES ($id, $guid, $mid, $mod, -1, $tags, $flds, $sfld, $csum, 0, '')",
                [("$id", baseId + i), ("$guid", Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(question.Slug)))[..10]),
                 ("$mid", ModelId), ("$mod", now.ToUnixTimeSeconds()), ("$tags", $" {question.Document} "),
                 ("$flds", $"{front}{FieldSeparator}{back}"), ("$sfld", front), ("$csum", Checksum(front))],
                cancellationToken);
            var cardId = baseId + i;
            var row = learned.TryGetValue(question.Slug, out var card) ? RowOf(card, created) : CardRow.New(i + 1);
            await ExecuteAsync(transaction,
                "INSERT INTO cards VALUES ($id, $nid, $did, 0, $mod, -1, $type, $queue, $due, $ivl, $factor, $reps, $lapses, $left, 0, 0, 0, $data)",
                [("$id", cardId), ("$nid", cardId), ("$did", deckId), ("$mod", now.ToUnixTimeSeconds()), ("$type", row.Type), ("$queue", row.Queue),
                 ("$due", row.Due), ("$ivl", row.Interval), ("$factor", row.Factor), ("$reps", row.Reviews), ("$lapses", row.Lapses),
                 ("$left", row.Left), ("$data", row.Data)],
                cancellationToken);
            if (card is not null)
            {
                lastReviewId = await WriteLogAsync(transaction, cardId, card, lastReviewId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A learned card in Anki's terms (schema 11 <c>cards</c>): type and queue from the FSRS state; a
    /// learning card's due is a Unix time, a review card's a day counted from the collection's day 0;
    /// the interval in days; the ease (permille) from FSRS difficulty, linearly from 3.5 (difficulty 1)
    /// to 1.3 (difficulty 10), so a middling card gets about Anki's default 2.5; and the memory state
    /// in <c>data</c> ({"s","d"}), which Anki's own FSRS reads.
    /// </summary>
    private CardRow RowOf(ExportedCard card, DateTimeOffset created)
    {
        var reviews = card.Reviews.Count;
        var lapses = card.Reviews.Count(r => r.Rating == Rating.Again && r.StateBefore == CardState.Review);
        var interval = card.LastReview is { } last ? Math.Max(1, (int)Math.Round((card.Due - last).TotalDays)) : 0;
        var data = card.Stability is { } s && card.Difficulty is { } d
            ? new JsonObject { ["s"] = Math.Round(s, 4), ["d"] = Math.Round(d, 4) }.ToJsonString()
            : "";
        var steps = card.State == CardState.Relearning ? scheduler.Options.RelearningSteps.Count : scheduler.Options.LearningSteps.Count;
        var left = Math.Max(1, steps - (card.Step ?? 0));
        return card.State switch
        {
            CardState.Review => new(2, 2, (card.Due.UtcDateTime.Date - created.UtcDateTime.Date).Days, interval, Factor(card.Difficulty), reviews, lapses, 0, data),
            CardState.Learning => new(1, 1, card.Due.ToUnixTimeSeconds(), 0, Factor(card.Difficulty), reviews, lapses, left * 1000 + left, data),
            CardState.Relearning => new(3, 1, card.Due.ToUnixTimeSeconds(), interval, Factor(card.Difficulty), reviews, lapses, left * 1000 + left, data),
            _ => CardRow.New(0),
        };
    }

    private static int Factor(double? difficulty) =>
        difficulty is { } d ? (int)Math.Round((1.3 + (10 - Math.Clamp(d, 1, 10)) / 9 * 2.2) * 1000) : 2500;

    /// <summary>
    /// The card's reviews as Anki's <c>revlog</c>: ease is the rating (1–4), type learning (0), review (1)
    /// or relearning (2) by the state before; the intervals each rating gave come from replaying the log
    /// through the scheduler (days, or negative seconds while learning), as Anki writes them.
    /// </summary>
    /// <returns>The last revlog id written (ids are unique across the deck, so they follow <paramref name="previousId"/>).</returns>
    private async Task<long> WriteLogAsync(SqliteTransaction transaction, long cardId, ExportedCard card, long previousId, CancellationToken cancellationToken)
    {
        var replayed = card.Reviews.Count == 0 ? null : FsrsCard.New(card.Reviews[0].ReviewedAt);
        var lastInterval = 0L;
        foreach (var review in card.Reviews)
        {
            replayed = scheduler.Review(replayed!, review.Rating, review.ReviewedAt);
            var interval = replayed.State == CardState.Review
                ? Math.Max(1, (long)Math.Round((replayed.Due - review.ReviewedAt).TotalDays))
                : -(long)Math.Round((replayed.Due - review.ReviewedAt).TotalSeconds);
            // revlog's id is the review's time in milliseconds, and unique.
            var id = Math.Max(review.ReviewedAt.ToUnixTimeMilliseconds(), previousId + 1);
            var type = review.StateBefore switch { CardState.Review => 1, CardState.Relearning => 2, _ => 0 };
            await ExecuteAsync(transaction,
                "INSERT INTO revlog VALUES ($id, $cid, -1, $ease, $ivl, $lastIvl, $factor, 0, $type)",
                [("$id", id), ("$cid", cardId), ("$ease", (int)review.Rating), ("$ivl", interval), ("$lastIvl", lastInterval),
                 ("$factor", Factor(replayed.Difficulty)), ("$type", type)],
                cancellationToken);
            (lastInterval, previousId) = (interval, id);
        }
        return previousId;
    }

    /// <summary>
    /// Front: the title (HTML-escaped, its formulas as \(…\), which Anki's MathJax draws) and any prompt;
    /// back: the other parts under their labels, or the whole body when the question has no parts.
    /// </summary>
    private (string Front, string Back) Fields(DeckQuestion question)
    {
        var title = TitleFormulas.Html(question.Title);
        if (question.Parts.Count == 0)
        {
            return (title, renderer.ToHtml(question.BodyMarkdown));
        }
        var prompt = string.Concat(question.Parts.Where(p => p.Kind == PartKind.Prompt).Select(p => renderer.ToHtml(p.Markdown)));
        var answer = string.Concat(question.Parts.Where(p => p.Kind != PartKind.Prompt)
            .Select(p => $"<h3>{WebUtility.HtmlEncode(p.Label)}</h3>{renderer.ToHtml(p.Markdown)}"));
        return (title + prompt, answer);
    }

    /// <summary>Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, stripped of tags as Anki strips them (our own rendered HTML, not markdown).</summary>
    private static long Checksum(string field) =>
        Convert.ToInt64(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(field, "<[^>]*>", ""))))[..8], 16);

    private static JsonObject BasicModel(long deckId, long seconds, string codeCss) => new()
    {
        ["id"] = ModelId, ["name"] = "Basic (QuestionBank)", ["type"] = 0, ["mod"] = seconds, ["usn"] = -1, ["sortf"] = 0, ["did"] = deckId,
        ["tags"] = new JsonArray(), ["vers"] = new JsonArray(),
        ["css"] = ".card { font-family: arial; font-size: 20px; text-align: left; color: black; background-color: white; }\n" + codeCss,
        ["latexPre"] = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        ["latexPost"] = "\\end{document}", ["latexsvg"] = false,
        ["req"] = new JsonArray(new JsonArray(0, "any", new JsonArray(0))),
        ["flds"] = new JsonArray(Field("Front", 0), Field("Back", 1)),
        ["tmpls"] = new JsonArray(new JsonObject
        {
            ["name"] = "Card 1", ["ord"] = 0, ["qfmt"] = "{{Front}}", ["afmt"] = "{{FrontSide}}<hr id=answer>{{Back}}",
            ["bqfmt"] = "", ["bafmt"] = "", ["did"] = null,
        }),
    };

    private static JsonObject Field(string name, int ord) => new()
    {
        ["name"] = name, ["ord"] = ord, ["font"] = "Arial", ["size"] = 20, ["rtl"] = false, ["sticky"] = false, ["media"] = new JsonArray(),
    };

    private static JsonObject DeckJson(long id, string name, long seconds) => new()
    {
        ["id"] = id, ["name"] = name, ["conf"] = OptionsId, ["desc"] = "", ["dyn"] = 0, ["collapsed"] = false, ["extendNew"] = 10, ["extendRev"] = 50,
        ["mod"] = seconds, ["usn"] = -1, ["newToday"] = new JsonArray(0, 0), ["revToday"] = new JsonArray(0, 0),
        ["lrnToday"] = new JsonArray(0, 0), ["timeToday"] = new JsonArray(0, 0),
    };

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A row of Anki's <c>cards</c> table past its ids: where the card is in its life and its history's totals.</summary>
internal sealed record CardRow(int Type, int Queue, long Due, int Interval, int Factor, int Reviews, int Lapses, int Left, string Data)
{
    /// <summary>A new card, <paramref name="position"/>th in the new queue.</summary>
    public static CardRow New(int position) => new(0, 0, position, 0, 0, 0, 0, 0, "");
}
