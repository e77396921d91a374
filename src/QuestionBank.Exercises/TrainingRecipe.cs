namespace QuestionBank.Exercises;

/// <summary>How a trusted model is trained: the seed of its initial weights and batch order, its epochs and its batch size.</summary>
internal readonly record struct TrainingRecipe(int Seed, int Epochs, int BatchSize);
