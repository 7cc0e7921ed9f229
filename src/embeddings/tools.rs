//! The model tools behind `newsdigest embeddings info` and `convert`: what a model is, and
//! turning any readable model into a (memory-mappable) finalfusion file. The summariser never
//! calls these; they sit beside the lookup code in the parent module.

use super::*;

impl WordEmbeddings {
    /// Facts about the model for `newsdigest embeddings info`.
    pub fn info(&self) -> ModelInfo {
        let layout = self.layout();
        let (norm_sample, norm_min, norm_mean, norm_max) = self.norm_summary();
        let metadata = match &self.inner {
            Backend::Finalfusion(e) => e.metadata().map(|m| m.to_string()),
            Backend::Builtin(b) => b.metadata.map(str::to_string),
        };
        ModelInfo {
            name: self.name.clone(),
            format: self.format,
            vocab_type: layout.vocab_type,
            words: self.vocab_len(),
            subword_units: layout.subword_units,
            rows: layout.rows,
            dims: self.dims(),
            storage: layout.storage,
            norms_stored: layout.norms_stored,
            norm_sample,
            norm_min,
            norm_mean,
            norm_max,
            metadata,
        }
    }

    /// How the model's vocabulary and vectors are stored.
    fn layout(&self) -> Layout {
        let e = match &self.inner {
            Backend::Finalfusion(e) => e,
            Backend::Builtin(b) => {
                return Layout {
                    vocab_type: "simple, with word pieces (##)",
                    storage: "product-quantised, compiled in (read in place)",
                    rows: b.len(),
                    subword_units: 0,
                    norms_stored: false,
                }
            }
        };
        let vocab_type = match e.vocab() {
            VocabWrap::SimpleVocab(_) if self.has_pieces => "simple, with word pieces (##)",
            VocabWrap::SimpleVocab(_) => "simple (whole words)",
            VocabWrap::FastTextSubwordVocab(_) => "fastText subword (hashed n-gram buckets)",
            VocabWrap::BucketSubwordVocab(_) => "finalfusion subword (hashed n-gram buckets)",
            VocabWrap::ExplicitSubwordVocab(_) => "finalfusion subword (explicit n-grams)",
            VocabWrap::FloretSubwordVocab(_) => "floret subword",
        };
        let storage = match e.storage() {
            StorageWrap::NdArray(_) => "dense array, in memory",
            StorageWrap::QuantizedArray(_) => "product-quantised, in memory",
            StorageWrap::MmapArray(_) => "dense array, memory-mapped",
            StorageWrap::MmapQuantizedArray(_) => "product-quantised, memory-mapped",
        };
        Layout {
            vocab_type,
            storage,
            rows: e.storage().shape().0,
            subword_units: e.vocab().vocab_len().saturating_sub(self.vocab_len()),
            norms_stored: e.norms().is_some(),
        }
    }

    /// Sample size, minimum, mean and maximum of the original vectors' norms over the first
    /// 20,000 words: the norms chunk when there is one, else the stored rows.
    fn norm_summary(&self) -> (usize, f32, f32, f32) {
        let sample = self.vocab_len().min(20_000);
        let norms: Vec<f32> = (0..sample)
            .map(|i| {
                self.inner.stored_norm(i).unwrap_or_else(|| {
                    let v = self.inner.row(i);
                    v.iter().map(|x| x * x).sum::<f32>().sqrt()
                })
            })
            .collect();
        if norms.is_empty() {
            return (0, 0.0, 0.0, 0.0);
        }
        // In f64: an f32 sum of 18 norms of 1e30 gave a mean above the maximum.
        let mean = (norms.iter().map(|&n| f64::from(n)).sum::<f64>() / norms.len() as f64) as f32;
        let min = norms.iter().copied().fold(f32::INFINITY, f32::min);
        let max = norms.iter().copied().fold(0f32, f32::max);
        (norms.len(), min, mean, max)
    }

    /// A string value of the model's metadata (finalfusion Metadata chunk, TOML), e.g. `name`.
    pub(super) fn metadata_value(&self, key: &str) -> Option<String> {
        match &self.inner {
            Backend::Finalfusion(e) => e.metadata()?.get(key)?.as_str().map(str::to_string),
            Backend::Builtin(b) => b.metadata?.lines().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            }),
        }
    }
}

/// The storage facts of a model, as `embeddings info` reports them.
struct Layout {
    vocab_type: &'static str,
    storage: &'static str,
    rows: usize,
    subword_units: usize,
    norms_stored: bool,
}

/// What `embeddings info` prints.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    pub name: String,
    pub format: Format,
    pub vocab_type: &'static str,
    pub words: usize,
    pub subword_units: usize,
    pub rows: usize,
    pub dims: usize,
    pub storage: &'static str,
    pub norms_stored: bool,
    pub norm_sample: usize,
    pub norm_min: f32,
    pub norm_mean: f32,
    pub norm_max: f32,
    pub metadata: Option<String>,
}

impl fmt::Display for ModelInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "model:       {}", self.name)?;
        writeln!(f, "format:      {}", self.format)?;
        writeln!(f, "vocabulary:  {} words; {}", self.words, self.vocab_type)?;
        if self.subword_units > 0 {
            writeln!(
                f,
                "subwords:    {} n-gram buckets / units",
                self.subword_units
            )?;
        }
        writeln!(f, "dimensions:  {}", self.dims)?;
        writeln!(f, "storage:     {} ({} rows)", self.storage, self.rows)?;
        writeln!(
            f,
            "norms:       min {:.3}, mean {:.3}, max {:.3} over the first {} words ({})",
            self.norm_min,
            self.norm_mean,
            self.norm_max,
            self.norm_sample,
            if self.norms_stored {
                "norms chunk"
            } else {
                "stored vectors"
            }
        )?;
        if let Some(meta) = &self.metadata {
            for line in meta.lines().filter(|l| !l.trim().is_empty()) {
                writeln!(f, "metadata:    {line}")?;
            }
        }
        Ok(())
    }
}

/// Where `convert` may write `output`: a new name or a regular file, or the regular file a
/// symlink points to (the link stays). Anything else (a device such as `/dev/null`, a FIFO, a
/// folder, a dangling symlink) would be replaced by the rename with a regular file: refused.
fn model_target(output: &Path) -> Result<std::path::PathBuf> {
    // `/dev/stdout` is a symlink to whatever the shell opened: renaming onto it would replace
    // that file (a log appended to), not write to the stream.
    if crate::output::descriptor(output).is_some() {
        return Err(Error::output(
            output,
            "a model cannot be written to a descriptor; name a file",
        ));
    }
    let link = match std::fs::symlink_metadata(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(output.to_path_buf()),
        Err(e) => return Err(Error::output(output, e)),
        Ok(m) => m,
    };
    if link.is_file() {
        return Ok(output.to_path_buf());
    }
    match std::fs::metadata(output) {
        Ok(m) if link.is_symlink() && m.is_file() => {
            output.canonicalize().map_err(|e| Error::output(output, e))
        }
        _ => Err(Error::output(
            output,
            "not a regular file (a device, FIFO, folder or dangling symlink); refusing to \
             replace it with a model",
        )),
    }
}

/// `convert m.txt m.txt` (or through a symlink or hard link) would replace the model being
/// converted: a usage error (exit 2), as `summarize -o` naming one of its inputs.
fn refuse_input_as_target(input: &Path, target: &Path) -> Result<()> {
    if crate::output::FileId::same(input, target) {
        return Err(Error::Usage(format!(
            "OUT {} is the input model {}; refusing to replace it (name another OUT)",
            target.display(),
            input.display()
        )));
    }
    Ok(())
}

/// Convert any readable model to finalfusion at `output` (atomically: a temporary file in the
/// same directory, checked by loading it, then renamed; stale ones of killed converts are
/// swept first, see `tempfiles.rs`). With `quantize`, the matrix is product-quantised.
pub fn convert(input: &Path, output: &Path, quantize: bool) -> Result<WordEmbeddings> {
    let resolved = model_target(output)?;
    let output = resolved.as_path();
    refuse_input_as_target(input, output)?;
    let model = WordEmbeddings::load_with(input, false)?;
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    super::tempfiles::sweep(dir);
    let mut tmp = super::tempfiles::create_in(dir).map_err(|e| Error::write_io(output, e))?;
    write_model(model, quantize, input, output, tmp.as_file_mut())?;
    // Temporary files are created private (0600); a model is ordinary data others may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::write_io(output, e))?;
    }
    // Before the rename, so that a conversion gone wrong leaves an existing OUT as it was.
    let mut written = WordEmbeddings::try_load(tmp.path(), true).map_err(|why| {
        Error::Embeddings(format!(
            "converting {} produced an unusable model ({why}); {} is left as it was",
            input.display(),
            output.display()
        ))
    })?;
    tmp.persist(output)
        .map_err(|e| Error::write_io(output, e.error))?;
    written.name = output.display().to_string();
    Ok(written)
}

/// Write `model` as finalfusion to `file` (the temporary file for `output`).
fn write_model(
    model: WordEmbeddings,
    quantize: bool,
    input: &Path,
    output: &Path,
    file: &mut std::fs::File,
) -> Result<()> {
    let format = model.format();
    let embeddings = model.into_finalfusion()?;
    let mut w = std::io::BufWriter::new(file);
    let written = if quantize {
        quantized(embeddings, format, input)?.write_embeddings(&mut w)
    } else {
        embeddings.write_embeddings(&mut w)
    };
    written.map_err(|e| Error::output(output, e))?;
    std::io::Write::flush(&mut w).map_err(|e| Error::write_io(output, e))
}

/// The product-quantised form of the dense model read from `input`.
fn quantized(
    e: Embeddings<VocabWrap, StorageWrap>,
    format: Format,
    input: &Path,
) -> Result<Embeddings<VocabWrap, StorageWrap>> {
    let cannot =
        |why: String| Error::Embeddings(format!("cannot quantise {}: {why}", input.display()));
    if let Some(why) = super::values::zero_row(&e, format) {
        return Err(cannot(why));
    }
    let (metadata, vocab, storage, norms) = e.into_parts();
    let StorageWrap::NdArray(array) = storage else {
        return Err(cannot("it is already quantised".into()));
    };
    quantize::quantize(metadata, vocab, &array, norms).map_err(cannot)
}
