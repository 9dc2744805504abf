// Each instance of `f` asks for one whose type is twice as big: the instantiation stops at a limit
// with rustc's message, instead of growing without end.
fn f<T: Copy>(x: T, n: u32) { if n > 0 { f((x, x), n - 1) } }

async fn main() {
    f(1u8, 3);
}
