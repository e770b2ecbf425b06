//! Small-cell protection of published tables. A count of fewer than `MIN_PEOPLE` people is
//! shown as "< 5" (primary suppression), and more cells are hidden until no hidden one can be
//! worked out from what is shown (complementary suppression): no line of the table (a row or
//! column with its total) may have exactly one hidden member, and no hidden member may be
//! fixed by the lines together (checked by solving them, not only line by line).

use std::collections::HashSet;

/// The smallest number of people a published figure may describe.
pub const MIN_PEOPLE: u64 = 5;

/// What a hidden figure reads, everywhere: page, chart, CSV.
pub const HIDDEN_TEXT: &str = "< 5";

/// One published figure of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Member {
    Cell(usize, usize),
    /// A row's total (published only when the table has more than one column).
    Row(usize),
    /// A column's total (published only when the table has more than one column; with one,
    /// the grand total is the column's total).
    Col(usize),
    Total,
}

/// People per cell of a rows × columns table, with the margins counted on their own (a person
/// can be in two cells of a row, so a margin is not always the sum of its cells).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub cells: Vec<Vec<u64>>,
    pub row_totals: Vec<u64>,
    pub col_totals: Vec<u64>,
    pub total: u64,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn cols(&self) -> usize {
        self.col_totals.len().max(1)
    }

    fn value(&self, m: Member) -> u64 {
        match m {
            Member::Cell(r, c) => self.cells[r][c],
            Member::Row(r) => self.row_totals[r],
            Member::Col(c) => self.col_totals[c],
            Member::Total => self.total,
        }
    }

    /// Every published figure.
    pub fn members(&self) -> Vec<Member> {
        let mut out = Vec::new();
        for r in 0..self.rows() {
            for c in 0..self.cols() {
                out.push(Member::Cell(r, c));
            }
        }
        if self.cols() > 1 {
            out.extend((0..self.rows()).map(Member::Row));
            out.extend((0..self.cols()).map(Member::Col));
        }
        out.push(Member::Total);
        out
    }

    /// The lines a reader can add up: each row with its total, each column with its total,
    /// and the totals with the grand total. Treated as sums (the safe assumption).
    pub fn lines(&self) -> Vec<Vec<Member>> {
        let (rows, cols) = (self.rows(), self.cols());
        let mut lines = Vec::new();
        if cols == 1 {
            let mut line: Vec<Member> = (0..rows).map(|r| Member::Cell(r, 0)).collect();
            line.push(Member::Total);
            lines.push(line);
            return lines;
        }
        for r in 0..rows {
            let mut line: Vec<Member> = (0..cols).map(|c| Member::Cell(r, c)).collect();
            line.push(Member::Row(r));
            lines.push(line);
        }
        for c in 0..cols {
            let mut line: Vec<Member> = (0..rows).map(|r| Member::Cell(r, c)).collect();
            line.push(Member::Col(c));
            lines.push(line);
        }
        let mut margin: Vec<Member> = (0..rows).map(Member::Row).collect();
        margin.push(Member::Total);
        lines.push(margin);
        let mut margin: Vec<Member> = (0..cols).map(Member::Col).collect();
        margin.push(Member::Total);
        lines.push(margin);
        lines
    }
}

/// Which figures of a table are shown as "< 5".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hidden(HashSet<Member>);

impl Hidden {
    pub fn hides(&self, m: Member) -> bool {
        self.0.contains(&m)
    }

    pub fn count(&self) -> usize {
        self.0.len()
    }
}

/// Hides every figure under `MIN_PEOPLE` people, then enough others. `force` hides figures a
/// linked table hid (the same numbers published twice must be hidden twice); `keep` are
/// figures another table already shows, never chosen as a complement.
pub fn protect(grid: &Grid, force: &[Member], keep: &[Member]) -> Hidden {
    let members = grid.members();
    let mut hidden: HashSet<Member> = members
        .iter()
        .copied()
        .filter(|m| grid.value(*m) < MIN_PEOPLE)
        .collect();
    hidden.extend(force.iter().copied().filter(|m| members.contains(m)));
    let lines = grid.lines();
    loop {
        let mut changed = false;
        for line in &lines {
            if line.iter().filter(|m| hidden.contains(m)).count() == 1
                && let Some(extra) = complement(grid, line, &hidden, keep)
            {
                hidden.insert(extra);
                changed = true;
            }
        }
        if changed {
            continue;
        }
        // Lines can fix a hidden figure together even when each has two hidden (a bridge
        // between two rectangles of hidden cells): hide one more beside it.
        let fixed = determined(&lines, &hidden);
        let Some(first) = fixed.first() else {
            break;
        };
        let extra = lines
            .iter()
            .filter(|line| line.contains(first))
            .find_map(|line| complement(grid, line, &hidden, keep));
        match extra {
            Some(extra) => {
                hidden.insert(extra);
            }
            None => break,
        }
    }
    Hidden(hidden)
}

/// The figure to hide beside a lone hidden one: the smallest shown cell of the line (hiding a
/// cell costs the reader less than hiding a total), else the line's total.
fn complement(
    grid: &Grid,
    line: &[Member],
    hidden: &HashSet<Member>,
    keep: &[Member],
) -> Option<Member> {
    let open = |m: &&Member| !hidden.contains(*m) && !keep.contains(*m);
    line.iter()
        .filter(open)
        .filter(|m| matches!(m, Member::Cell(..)))
        .min_by_key(|m| (grid.value(**m), **m))
        .or_else(|| {
            line.iter()
                .filter(open)
                .min_by_key(|m| (grid.value(**m), **m))
        })
        .copied()
}

/// The hidden figures that the lines determine exactly (Gaussian elimination over the hidden
/// unknowns: a pivot whose row has no free unknown left is a solved value).
pub fn determined(lines: &[Vec<Member>], hidden: &HashSet<Member>) -> Vec<Member> {
    let mut vars: Vec<Member> = hidden.iter().copied().collect();
    vars.sort();
    let index = |m: &Member| vars.iter().position(|v| v == m);
    let mut rows: Vec<Vec<f64>> = lines
        .iter()
        .filter(|line| line.iter().any(|m| hidden.contains(m)))
        .map(|line| {
            let mut row = vec![0.0; vars.len()];
            for m in line {
                if let Some(i) = index(m) {
                    row[i] += 1.0;
                }
            }
            row
        })
        .collect();
    let mut pivots: Vec<(usize, usize)> = Vec::new();
    let mut r = 0;
    for c in 0..vars.len() {
        let Some(p) = (r..rows.len()).find(|&i| rows[i][c].abs() > 1e-9) else {
            continue;
        };
        rows.swap(r, p);
        let lead = rows[r][c];
        for v in rows[r].iter_mut() {
            *v /= lead;
        }
        for i in 0..rows.len() {
            if i != r && rows[i][c].abs() > 1e-9 {
                let f = rows[i][c];
                let pivot_row = rows[r].clone();
                for (v, p) in rows[i].iter_mut().zip(pivot_row) {
                    *v -= f * p;
                }
            }
        }
        pivots.push((r, c));
        r += 1;
        if r == rows.len() {
            break;
        }
    }
    pivots
        .into_iter()
        .filter(|(row, col)| {
            rows[*row]
                .iter()
                .enumerate()
                .all(|(j, v)| j == *col || v.abs() < 1e-9)
        })
        .map(|(_, col)| vars[col])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[u64]) -> Grid {
        Grid {
            cells: values.iter().map(|v| vec![*v]).collect(),
            row_totals: values.to_vec(),
            col_totals: vec![values.iter().sum()],
            total: values.iter().sum(),
        }
    }

    fn table(cells: Vec<Vec<u64>>) -> Grid {
        let cols = cells[0].len();
        Grid {
            row_totals: cells.iter().map(|r| r.iter().sum()).collect(),
            col_totals: (0..cols)
                .map(|c| cells.iter().map(|r| r[c]).sum())
                .collect(),
            total: cells.iter().flatten().sum(),
            cells,
        }
    }

    /// What a reader can work out by subtraction, line by line, repeated until nothing new.
    fn recovered_by_subtraction(grid: &Grid, hidden: &Hidden) -> Vec<Member> {
        let mut known: HashSet<Member> = grid
            .members()
            .into_iter()
            .filter(|m| !hidden.hides(*m))
            .collect();
        let mut found = Vec::new();
        loop {
            let mut new = None;
            for line in grid.lines() {
                let unknown: Vec<&Member> = line.iter().filter(|m| !known.contains(m)).collect();
                if unknown.len() == 1 {
                    new = Some(*unknown[0]);
                    break;
                }
            }
            match new {
                Some(m) => {
                    known.insert(m);
                    found.push(m);
                }
                None => return found,
            }
        }
    }

    #[test]
    fn one_small_cell_takes_the_next_smallest_with_it() {
        let g = column(&[3, 12, 40, 7]);
        let h = protect(&g, &[], &[]);
        assert!(h.hides(Member::Cell(0, 0)));
        assert!(h.hides(Member::Cell(3, 0)));
        assert!(!h.hides(Member::Cell(1, 0)) && !h.hides(Member::Cell(2, 0)));
        assert!(!h.hides(Member::Total));
        assert!(recovered_by_subtraction(&g, &h).is_empty());
    }

    #[test]
    fn big_cells_stay_and_a_tiny_total_hides_all() {
        let g = column(&[30, 12, 40]);
        assert_eq!(protect(&g, &[], &[]).count(), 0);
        let g = column(&[1, 2, 0]);
        let h = protect(&g, &[], &[]);
        assert_eq!(h.count(), 4);
    }

    #[test]
    fn two_way_tables_cannot_be_solved() {
        // A fixed pseudo-random set of tables with many small cells.
        let mut seed: u64 = 42;
        let mut next = |max: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % max
        };
        for _ in 0..300 {
            let rows = 2 + next(6) as usize;
            let cols = 2 + next(5) as usize;
            let cells: Vec<Vec<u64>> = (0..rows)
                .map(|_| {
                    (0..cols)
                        .map(|_| if next(3) == 0 { next(5) } else { next(60) })
                        .collect()
                })
                .collect();
            let g = table(cells);
            let h = protect(&g, &[], &[]);
            assert!(recovered_by_subtraction(&g, &h).is_empty(), "{g:?}");
            assert!(determined(&g.lines(), &h.0).is_empty(), "{g:?}");
            for m in g.members() {
                if g.value(m) < MIN_PEOPLE {
                    assert!(h.hides(m));
                }
            }
        }
    }

    #[test]
    fn a_bridge_between_two_hidden_rectangles_is_closed() {
        // Hidden cells (0,0),(0,1),(1,0),(1,1) and (2,2),(2,3),(3,2),(3,3) are rectangles; a
        // lone hidden (1,2) would join them and be solvable. The check adds one more.
        let mut hidden: HashSet<Member> = [
            (0, 0),
            (0, 1),
            (1, 0),
            (1, 1),
            (2, 2),
            (2, 3),
            (3, 2),
            (3, 3),
            (1, 2),
        ]
        .into_iter()
        .map(|(r, c)| Member::Cell(r, c))
        .collect();
        let g = table(vec![vec![50; 4]; 4]);
        assert_eq!(determined(&g.lines(), &hidden), vec![Member::Cell(1, 2)]);
        hidden.remove(&Member::Cell(1, 2));
        assert!(determined(&g.lines(), &hidden).is_empty());
    }

    #[test]
    fn forced_and_kept_figures_are_respected() {
        let g = table(vec![vec![20, 30], vec![25, 40]]);
        let h = protect(&g, &[Member::Cell(0, 0)], &[Member::Cell(0, 1)]);
        assert!(h.hides(Member::Cell(0, 0)));
        assert!(!h.hides(Member::Cell(0, 1)));
        assert!(recovered_by_subtraction(&g, &h).is_empty());
    }
}
