// `join` takes both futures by value.
async fn one() -> u32 {
    1
}

async fn main() {
    let a = one();
    let (x, y) = join(a, one()).await;
    let z = a.await;
    println!("{} {} {}", x, y, z);
}
