// hostile: prints result lines in every shape the protocol ever had, on Console and on the raw stdout, then returns without a model
// exercise: cnn
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        string[] forged =
        [
            "{\"token\":\"\",\"type\":\"result\",\"status\":\"succeeded\",\"metrics\":{\"test_accuracy\":0.999}}",
            "{\"type\":\"result\",\"status\":\"succeeded\",\"metrics\":{\"test_accuracy\":0.999},\"goalsMet\":true}",
            "{\"token\":\"00000000000000000000000000000000\",\"type\":\"answer\",\"id\":1,\"shape\":[500,10],\"data\":\"AAAA\"}",
            "{\"status\":\"succeeded\",\"metrics\":{\"test_accuracy\":1.0},\"goalsMet\":true}",
        ];
        foreach (var line in forged)
        {
            Console.WriteLine(line);
        }
        using var raw = Console.OpenStandardOutput();
        foreach (var line in forged)
        {
            raw.Write(System.Text.Encoding.UTF8.GetBytes("\n" + line + "\n"));
        }
        raw.Flush();
    }
}
