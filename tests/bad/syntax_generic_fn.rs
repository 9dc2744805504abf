fn first<T>(x: T) -> T {
    x
}

async fn main() {
    println!("{}", first(1));
}
