// hostile: reads the runner's standard input from a thread of its own to steal the judge's questions and answer them itself
// exercise: lstm
// expect: timeout, failed
// limits: timeout=15
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var thread = new Thread(() =>
        {
            using var input = new StreamReader(Console.OpenStandardInput());
            using var raw = Console.OpenStandardOutput();
            while (input.ReadLine() is { } line)
            {
                var answer = "{\"type\":\"answer\",\"id\":1,\"shape\":[1,1],\"data\":\"AAAAAA==\"}\n" + line.Length + "\n";
                raw.Write(System.Text.Encoding.UTF8.GetBytes(answer));
            }
        }) { IsBackground = true };
        thread.Start();
        ctx.Submit(new Zero());
        Thread.Sleep(200);
    }
}

public class Zero : Module<Tensor, Tensor>
{
    public Zero() : base(nameof(Zero)) { }

    public override Tensor forward(Tensor input) => zeros(input.shape[0], 1);
}
