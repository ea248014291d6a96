//! The format-neutral shape of a report page: headings, paragraphs, lists, tables and
//! charts, in reading order.
//!
//! The HTML, PDF and Markdown writers each draw a [`Document`]; they never look at the
//! vault or at the report's data. JSON and CSV are written from the data itself, not from
//! this shape. A writer must show every character of every string it is given (no silent
//! drops) and must be deterministic: the same document gives the same bytes.

/// A whole report, ready to be drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document's title (HTML `<title>`, PDF `/Title`, the first Markdown heading).
    pub title: String,
    /// The content in reading order.
    pub blocks: Vec<Block>,
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; level 1 is the report's title, 2 a section, 3 a subsection.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The heading's text.
        text: String,
    },
    /// A paragraph of running text; writers wrap it to the page width.
    Paragraph(String),
    /// Small print (what is withheld, "not a diagnosis"): drawn smaller or muted.
    Note(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table with a header row; every row has as many cells as there are columns.
    Table(Table),
    /// A chart; writers that cannot draw (Markdown) show its data as a table instead.
    Chart(Chart),
    /// Start the next block on a new page where pages exist (PDF, HTML print).
    PageBreak,
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows of cells, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

/// What kind of chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// One line per series across the x labels; `None` values leave a gap in the line.
    Line,
    /// Grouped bars: one bar per series at each x label.
    Bars,
}

/// A chart over a shared, ordered set of x labels (weeks, usually).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Shown above the chart.
    pub title: String,
    /// Line or bars.
    pub kind: ChartKind,
    /// The x axis' labels, in order (e.g. `"2026-W14"` or `"Apr 6"`).
    pub x_labels: Vec<String>,
    /// What the y axis measures (e.g. `"felt safety (0-10)"`).
    pub y_label: String,
    /// The y axis' lower end.
    pub y_min: f64,
    /// The y axis' upper end (greater than `y_min`).
    pub y_max: f64,
    /// The data; each series has one value per x label.
    pub series: Vec<Series>,
}

/// One named line or set of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's text.
    pub name: String,
    /// One value per x label; `None` where nothing was logged (drawn as a gap, never as 0).
    pub values: Vec<Option<f64>>,
}
