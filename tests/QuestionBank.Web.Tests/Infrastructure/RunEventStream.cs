namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Reads a run's server-sent events to the end of the stream, which comes when the run ends.</summary>
public static class RunEventStream
{
    public static async Task<List<(string Type, JsonElement Data)>> ReadRunEventsAsync(this HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        using var stream = new StreamReader(await client.GetStreamAsync($"/api/runs/{id}/events", timeout.Token));
        var events = new List<(string Type, JsonElement Data)>();
        string? type = null;
        while (await stream.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((type!, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
            }
        }
        return events;
    }
}
