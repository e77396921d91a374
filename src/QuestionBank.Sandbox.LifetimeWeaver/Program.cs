using QuestionBank.Sandbox.LifetimeWeaver;

// Run by the runner's build: QuestionBank.Sandbox.LifetimeWeaver <TorchSharp.dll> <output .dll>.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: QuestionBank.Sandbox.LifetimeWeaver <TorchSharp.dll> <output.dll>");
    return 2;
}
var woven = TorchSharpLifetimes.Weave(args[0], args[1]);
Console.WriteLine($"{woven} TorchSharp methods keep their Scalar and Tensor arguments alive across native calls.");
return 0;
