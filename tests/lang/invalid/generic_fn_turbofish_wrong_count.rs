// `id` takes one type argument, the turbofish gives two: E0107 at the function's name.
fn id<T>(x: T) -> T {
    x
}

async fn main() {
    let w = id::<u8, u8>(1);
    println!("{}", w);
}
