using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Reads an exported <c>.apkg</c> as Anki would: the zip's collection.anki2 with SQLite, each card joined to its note.</summary>
public static class AnkiPackage
{
    /// <summary>A card, its note's fields, its schedule (Anki's columns) and its review log.</summary>
    public sealed record Card(
        string Front, string Back, int Type, int Queue, long Due, int Interval, int Factor, int Reviews, int Lapses, string Data,
        IReadOnlyList<Review> Log);

    /// <summary>A row of Anki's revlog: the rating (1–4), the interval it gave and the kind of review.</summary>
    public sealed record Review(long Id, int Ease, long Interval, long LastInterval, int Factor, int Type);

    /// <summary>What the whole package holds: the collection's day 0 (Unix seconds), the note type's CSS, the cards in bank order.</summary>
    public sealed record Package(long Created, string Css, IReadOnlyList<Card> Cards);

    /// <summary>The package's cards in bank order; asserts what every deck has (no media, schema 11, two fields a note).</summary>
    public static async Task<IReadOnlyList<Card>> ReadAsync(Stream package) => (await ReadPackageAsync(package)).Cards;

    public static async Task<Package> ReadPackageAsync(Stream package)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qb-test-{Guid.NewGuid():N}.anki2");
        try
        {
            using (var zip = new ZipArchive(package))
            {
                Assert.Equal("{}", await new StreamReader(zip.GetEntry("media")!.Open()).ReadToEndAsync());
                zip.GetEntry("collection.anki2")!.ExtractToFile(file);
            }
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            var log = new List<(long CardId, Review Review)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT cid, id, ease, ivl, lastIvl, factor, type FROM revlog ORDER BY id";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    log.Add((reader.GetInt64(0), new Review(reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetInt32(6))));
                }
            }

            long created;
            string css;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT ver, crt, models FROM col";
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal(11, reader.GetInt32(0));
                created = reader.GetInt64(1);
                css = JsonDocument.Parse(reader.GetString(2)).RootElement.EnumerateObject().Single().Value.GetProperty("css").GetString()!;
            }

            var cards = new List<Card>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT n.flds, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.data, c.id
                    FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.id
                    """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var fields = reader.GetString(0).Split('\u001f');
                    Assert.Equal(2, fields.Length);
                    var id = reader.GetInt64(9);
                    cards.Add(new Card(fields[0], fields[1], reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt32(4),
                        reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetString(8),
                        [.. log.Where(entry => entry.CardId == id).Select(entry => entry.Review)]));
                }
            }
            return new Package(created, css, cards);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
