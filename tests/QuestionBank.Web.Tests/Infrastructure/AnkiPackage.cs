using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Reads an exported <c>.apkg</c> as Anki would: the zip's collection.anki2 with SQLite, each card joined to its note.</summary>
public static class AnkiPackage
{
    public sealed record Card(string Front, string Back, int Type);

    /// <summary>The package's cards in due order; asserts what every fresh deck has (no media, schema 11, no review log, new cards).</summary>
    public static async Task<IReadOnlyList<Card>> ReadAsync(Stream package)
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
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT n.flds, c.type, (SELECT ver FROM col), (SELECT count(*) FROM revlog) FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.due
                """;
            var cards = new List<Card>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.Equal(11, reader.GetInt32(2));
                Assert.Equal(0, reader.GetInt32(3));
                var fields = reader.GetString(0).Split('\u001f');
                Assert.Equal(2, fields.Length);
                cards.Add(new Card(fields[0], fields[1], reader.GetInt32(1)));
            }
            Assert.All(cards, card => Assert.Equal(0, card.Type));
            return cards;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
