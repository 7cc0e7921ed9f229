//! finalfusion and ndarray assert on some malformed models (a word listed twice, a quantised
//! code past its centroids). Such a panic is a corrupt file, reported as one line (exit 4), so
//! the panic message the default hook prints must not reach stderr as well. Only panics on the
//! thread reading the model, while it reads, are silenced: any other panic is a bug and prints.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Run `f`; a panic inside it is `Err` with its message, and is not printed.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_inside_is_an_error_with_its_message() {
        assert_eq!(super::catch(|| 7), Ok(7));
        let e = super::catch(|| -> u8 { panic!("words contained duplicate entries.") });
        assert_eq!(e, Err("words contained duplicate entries.".to_string()));
    }
}
