// `impl Describe` in a parameter is a bound like any other: E0277 at the argument.
trait Describe {
    fn describe(&self) -> String;
}

fn show(x: impl Describe) -> String {
    x.describe()
}

async fn main() {
    println!("{}", show(String::from("no")));
}
