// The body of a generic function may only use what the bounds give `T`: E0599.
trait Describe {
    fn describe(&self) -> String;
}

fn show<T: Clone>(x: T) -> String {
    x.describe()
}

async fn main() {
    println!("{}", show(5u8));
}
