namespace FlowSense.MarketData.Features.Microprice;

/// <summary>Gauss–Jordan elimination with partial pivoting, for the micro-price fit's small linear systems.</summary>
internal static class GaussJordan
{
    private const double SingularPivot = 1e-12;

    /// <summary>
    /// Solves A·X = C in place, where <paramref name="system"/> holds [A | C] with A square (n × n) and C
    /// <paramref name="rightColumns"/> wide; on success columns n.. hold X.
    /// </summary>
    /// <returns>False if A is singular (a pivot below 1e-12).</returns>
    public static bool Solve(double[,] system, int n, int rightColumns)
    {
        int columns = n + rightColumns;
        for (int pivotColumn = 0; pivotColumn < n; pivotColumn++)
        {
            int pivotRow = pivotColumn;
            for (int row = pivotColumn + 1; row < n; row++)
            {
                if (Math.Abs(system[row, pivotColumn]) > Math.Abs(system[pivotRow, pivotColumn]))
                    pivotRow = row;
            }
            if (Math.Abs(system[pivotRow, pivotColumn]) < SingularPivot)
                return false;
            if (pivotRow != pivotColumn)
            {
                for (int c = 0; c < columns; c++)
                    (system[pivotRow, c], system[pivotColumn, c]) = (system[pivotColumn, c], system[pivotRow, c]);
            }

            double pivot = system[pivotColumn, pivotColumn];
            for (int c = 0; c < columns; c++)
                system[pivotColumn, c] /= pivot;
            for (int row = 0; row < n; row++)
            {
                double factor = system[row, pivotColumn];
                if (row == pivotColumn || factor == 0.0)
                    continue;
                for (int c = 0; c < columns; c++)
                    system[row, c] -= factor * system[pivotColumn, c];
            }
        }
        return true;
    }
}
