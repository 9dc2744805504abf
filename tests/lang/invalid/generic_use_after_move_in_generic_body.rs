// A `T` without `Copy` moves: using it twice in the generic body is E0382, once, for all instances.
fn dup<T: Clone>(x: T) -> (T, T) {
    (x, x)
}

async fn main() {
    let a = dup(1u8);
    let b = dup(2u32);
    println!("{} {}", a.0, b.1);
}
