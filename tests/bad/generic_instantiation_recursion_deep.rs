// A generic function that wraps its argument once more at each level: the instance depth limit.
struct Wrap<T> {
    inner: T,
}

fn g<T>(x: T, n: u32) -> u32 {
    if n == 0 { 0 } else { g(Wrap { inner: x }, n - 1) + 1 }
}

async fn main() {
    println!("{}", g(1u8, 3));
}
