// `>` on a `T` without `PartialOrd`: E0369 at the operator.
fn bigger<T>(a: T, b: T) -> bool {
    a > b
}

async fn main() {
    println!("{}", bigger(1, 2));
}
