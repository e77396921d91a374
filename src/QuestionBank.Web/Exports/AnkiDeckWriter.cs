using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Exports;

namespace QuestionBank.Web.Exports;

/// <summary>
/// Writes a deck as an Anki package: a zip of <c>collection.anki2</c> (SQLite in Anki's schema 11,
/// which every Anki since 2.1 imports) and an empty <c>media</c> map. One "Basic" note per question:
/// the front is the title (with the prompt, if the question has one), the back the rendered answer,
/// through the site's safe markdown pipeline. The tables and the JSON of <c>col</c> follow
/// ankitects/anki rslib/src/storage/schema11.sql and genanki (genanki/apkg_schema.py,
/// genanki/apkg_col.py, genanki/model.py); the cards are new, in bank order.
/// </summary>
public sealed class AnkiDeckWriter(MarkdownRenderer renderer, TimeProvider clock)
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

    public async Task<byte[]> WriteAsync(Deck deck, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"qb-deck-{Guid.NewGuid():N}.anki2");
        try
        {
            // Not pooled, so the file is closed (and can be zipped and deleted) when the connection is.
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(transaction, Schema, [], cancellationToken);
                await WriteCollectionAsync(transaction, deck, cancellationToken);
                await WriteNotesAsync(transaction, deck, cancellationToken);
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

    private async Task WriteCollectionAsync(SqliteTransaction transaction, Deck deck, CancellationToken cancellationToken)
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
        var models = new JsonObject { [ModelId.ToString(CultureInfo.InvariantCulture)] = BasicModel(deckId, seconds) };
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
            [("$crt", new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeSeconds()), ("$mod", now.ToUnixTimeMilliseconds()),
             ("$conf", conf.ToJsonString()), ("$models", models.ToJsonString()), ("$decks", decks.ToJsonString()), ("$dconf", dconf.ToJsonString())],
            cancellationToken);
    }

    private async Task WriteNotesAsync(SqliteTransaction transaction, Deck deck, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deckId = StableId(deck.Name);
        var baseId = now.ToUnixTimeMilliseconds();
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
            await ExecuteAsync(transaction,
                "INSERT INTO cards VALUES ($id, $nid, $did, 0, $mod, -1, 0, 0, $due, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                [("$id", baseId + i), ("$nid", baseId + i), ("$did", deckId), ("$mod", now.ToUnixTimeSeconds()), ("$due", i + 1)],
                cancellationToken);
        }
    }

    /// <summary>Front: the title (HTML-escaped) and any prompt; back: the other parts under their labels, or the whole body when the question has no parts.</summary>
    private (string Front, string Back) Fields(DeckQuestion question)
    {
        var title = WebUtility.HtmlEncode(question.Title);
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

    private static JsonObject BasicModel(long deckId, long seconds) => new()
    {
        ["id"] = ModelId, ["name"] = "Basic (QuestionBank)", ["type"] = 0, ["mod"] = seconds, ["usn"] = -1, ["sortf"] = 0, ["did"] = deckId,
        ["tags"] = new JsonArray(), ["vers"] = new JsonArray(),
        ["css"] = ".card { font-family: arial; font-size: 20px; text-align: left; color: black; background-color: white; }",
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
