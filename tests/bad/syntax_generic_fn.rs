fn first<const N: usize>(x: u32) -> u32 {
    x
}

async fn main() {
    println!("{}", first(1));
}
