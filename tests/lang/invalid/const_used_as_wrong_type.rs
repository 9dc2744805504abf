// A constant has its declared type: a `usize` constant is not a `u32`.
fn main() {
    let base = 3;
    const N: usize = 2;
    let arr = [0u8; N];
    let n: u32 = N;
    println!("{} {}", arr.len(), base + n);
}
